package dev.durabledb.cluster.routing;

import java.nio.file.Path;

import javax.sql.DataSource;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.action.ActionRouter;
import dev.durabledb.cluster.DurableDbClusterAutoConfiguration;
import dev.durabledb.cluster.remote.DurableDbRemoteActionAutoConfiguration;
import dev.durabledb.fixtures.Causes;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.instance.InstanceObserver;
import dev.durabledb.replication.DurableDbReplicationAutoConfiguration;
import dev.durabledb.replication.HistoryFence;
import dev.durabledb.tenant.InstanceCreationGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbClusterRoutingAutoConfigurationTests {

	private final String table = Postgres.uniqueName("lease_routing_autoconfig_test");

	@TempDir
	Path root;

	@AfterEach
	void drop() {
		Postgres.drop(this.table);
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(StarterConfigurations.backups())
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
					DurableDbReplicationAutoConfiguration.class, DurableDbClusterAutoConfiguration.class,
					DurableDbRemoteActionAutoConfiguration.class, DurableDbClusterRoutingAutoConfiguration.class))
			.withBean(DataSource.class, Postgres::dataSource)
			.withPropertyValues("durable-db.data-dir=" + this.root.resolve("data"),
					"durable-db.backup.file.dir=" + this.root.resolve("store"));
	}

	private String[] cluster() {
		return new String[] { "durable-db.cluster.table=" + this.table, "durable-db.cluster.enabled=true",
				"durable-db.cluster.advertised-url=http://127.0.0.1:8080", "durable-db.cluster.secret=" + RoutedNodes.SECRET };
	}

	@Test
	void offByDefaultActionsAreNotRoutedAndHistoriesNotFenced() {
		runner().withPropertyValues("durable-db.replication.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(ActionRouter.class)
				.doesNotHaveBean(HistoryFence.class)
				.doesNotHaveBean(InstanceCreationGuard.class)
				.doesNotHaveBean(IdleRelease.class);
		});
	}

	@Test
	void withTheClusterOnActionsAreRoutedHistoriesFencedAndIdleInstancesReleased() {
		Postgres.assumeAvailable();
		runner().withPropertyValues(cluster()).withPropertyValues("durable-db.replication.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(OwnerRouter.class)
				.hasSingleBean(LeaseFence.class)
				.hasSingleBean(OwnedCreation.class)
				.hasSingleBean(Takeovers.class);
			assertThat(context.getBeansOfType(InstanceObserver.class)).containsKey("durableDbIdleRelease");
		});
	}

	@Test
	void withoutReplicationTheClusterDoesNotStartAndSaysWhatItNeeds() {
		Postgres.assumeAvailable();
		runner().withPropertyValues(cluster()).withPropertyValues("durable-db.replication.enabled=false").run((context) -> {
			assertThat(context).hasFailed();
			DurableDbConfigurationException failure = Causes.find(context.getStartupFailure(),
					DurableDbConfigurationException.class);
			assertThat(failure).isNotNull();
			assertThat(failure.getDescription()).contains("needs replication");
			assertThat(failure.getAction()).contains("durable-db.replication.enabled=true");
		});
	}

}
