package dev.durabledb.replication;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.sqlite.SqliteConnections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbReplicationAutoConfigurationTests {

	@TempDir
	Path root;

	@Test
	void onByDefaultWithABackupStoreAndSqlitesOwnCheckpointsOff() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(Replicator.class).hasSingleBean(Bookmarks.class).hasSingleBean(Recovery.class);
			assertThat(autoCheckpointPages(context.getBean(SqliteConnections.class))).isZero();
		});
	}

	@Test
	void offWhenTurnedOffAndSqliteCheckpointsAgain() {
		runner().withPropertyValues("durable-db.replication.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(Replicator.class).doesNotHaveBean(Bookmarks.class);
			assertThat(autoCheckpointPages(context.getBean(SqliteConnections.class))).isEqualTo(1000);
		});
	}

	@Test
	void offWithoutAStoreUnlessAskedForWhichFailsStartupSayingWhy() {
		runner().withPropertyValues("durable-db.backup.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(Replicator.class);
			assertThat(autoCheckpointPages(context.getBean(SqliteConnections.class))).isEqualTo(1000);
		});
		runner().withPropertyValues("durable-db.backup.enabled=false", "durable-db.replication.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("durable-db.replication.enabled=true ships to the backup store, and there is none"));
	}

	@Test
	void propertiesOutOfRangeFailStartupNamingTheProperty() {
		runner().withPropertyValues("durable-db.replication.threads=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("durable-db.replication.threads"));
	}

	private ApplicationContextRunner runner() {
		return TestApplications.starter(this.root.resolve("data"))
			.withConfiguration(StarterConfigurations.backups())
			.withConfiguration(AutoConfigurations.of(DurableDbReplicationAutoConfiguration.class))
			.withPropertyValues("durable-db.backup.file.dir=" + this.root.resolve("backups"));
	}

	private int autoCheckpointPages(SqliteConnections connections) throws Exception {
		try (Connection connection = connections.open(this.root.resolve("probe.db"));
				Statement statement = connection.createStatement();
				ResultSet pages = statement.executeQuery("PRAGMA wal_autocheckpoint")) {
			pages.next();
			return pages.getInt(1);
		}
	}

}
