package dev.durabledb.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.action.DurableDatabase;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Migrations across "deployments": each context is one run of the application over the
 * same data dir, with the changelog of that release.
 */
@ExtendWith(OutputCaptureExtension.class)
class GuardedMigrationTests {

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	@TempDir
	Path dataDir;

	@Test
	void newTenantsAreCopiesOfATemplateMigratedOnce() {
		release("db/durable/notes/changelog.yaml").run((context) -> {
			TenantDirectory tenants = context.getBean(TenantDirectory.class);
			for (int i = 0; i < 5; i++) {
				tenants.create("tenant-" + i);
			}
			assertThat(liquibaseRuns(context)).isEqualTo(1);
			try (var templates = Files.list(this.dataDir.resolve("notes/.durable-db/templates"))) {
				assertThat(templates.toList()).hasSize(1);
			}
			NoteActions notes = context.getBean(NoteActions.class);
			assertThat(Tenants.call("tenant-3", notes::count)).isZero();
			assertThat(tenants.list()).containsExactly("tenant-0", "tenant-1", "tenant-2", "tenant-3", "tenant-4");
		});
	}

	@Test
	void anUpToDateTenantOpensWithoutRunningLiquibase() {
		release("db/durable/notes/changelog.yaml").run((context) -> writeNotes(context, "acme", "one", "two"));
		release("db/durable/notes/changelog.yaml").run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one", "two");
			assertThat(liquibaseRuns(context)).isZero();
		});
	}

	@Test
	void aNewChangesetReachesExistingTenantsOnTheirNextOpen() {
		release("db/durable/notes/changelog.yaml").run((context) -> {
			writeNotes(context, "acme", "a1");
			writeNotes(context, "globex", "g1", "g2");
		});
		release("classpath:changelogs/notes-v2.yaml").run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			JdbcClient db = context.getBean("notesDurableDatabase", dev.durabledb.action.DurableDatabase.class).jdbcClient();
			assertThat(Tenants.call("acme", () -> notes.inside(
					() -> db.sql("SELECT body || ':' || tag FROM notes").query(String.class).list())))
				.containsExactly("a1:untagged");
			assertThat(Tenants.call("globex", notes::bodies)).containsExactly("g1", "g2");
			// The new template at startup, then each tenant as it opens.
			assertThat(liquibaseRuns(context)).isEqualTo(3);
			MigrationStatus status = context.getBean(SchemaInspector.class).status(ACME);
			assertThat(status.upToDate()).isTrue();
			assertThat(status.appliedChangeSets()).isEqualTo(3);
			assertThat(status.pendingChangeSets()).isEmpty();
			assertThat(status.attempts()).isZero();
			assertThat(status.snapshotAvailable()).isFalse();
		});
	}

	@Test
	void aFailingChangesetLeavesTheDataAsItWasAndStopsAfterTheCap() throws Exception {
		release("db/durable/notes/changelog.yaml").run((context) -> writeNotes(context, "acme", "one", "two"));
		Path file = this.dataDir.resolve("notes/acme.db");
		List<String> before = rows(file);

		release("classpath:changelogs/notes-broken.yaml").withPropertyValues("durable-db.migration.retry-delay=0s")
			.run((context) -> {
				NoteActions notes = context.getBean(NoteActions.class);
				SchemaInspector inspector = context.getBean(SchemaInspector.class);
				for (int attempt = 1; attempt <= 3; attempt++) {
					assertThatExceptionOfType(MigrationFailedException.class)
						.isThrownBy(() -> Tenants.call("acme", notes::bodies))
						.withMessageContaining("attempt");
					MigrationStatus status = inspector.status(ACME);
					assertThat(status.attempts()).isEqualTo(attempt);
					assertThat(status.restoresRemaining()).isEqualTo(3 - attempt);
					assertThat(status.lastError()).contains("003-broken.yaml::004-broken::durable-db-tests",
							"UNIQUE constraint failed: archive.id");
					assertThat(status.lastErrorAt()).isNotNull();
					assertThat(status.snapshotAvailable()).isTrue();
					assertThat(rows(file)).isEqualTo(before);
					assertThat(tables(file)).doesNotContain("archive");
				}
				double runsAtCap = liquibaseRuns(context);
				// The attempts ran out: no more Liquibase, no more restores, the error on every access.
				for (int access = 0; access < 3; access++) {
					assertThatExceptionOfType(MigrationFailedException.class)
						.isThrownBy(() -> Tenants.call("acme", notes::bodies))
						.withMessageContaining("failed to migrate 3 times");
				}
				assertThat(liquibaseRuns(context)).isEqualTo(runsAtCap);
				MigrationStatus status = inspector.status(ACME);
				assertThat(status.failed()).isTrue();
				assertThat(status.attempts()).isEqualTo(3);
				assertThat(status.restoresRemaining()).isZero();
				assertThat(status.pendingChangeSets()).containsExactly("changelogs/notes/003-broken.yaml::003-archive::durable-db-tests",
						"changelogs/notes/003-broken.yaml::004-broken::durable-db-tests");
				assertThat(rows(file)).isEqualTo(before);
				assertThat(context.getBean(SchemaMigrations.class).failingInstances()).containsExactly(ACME);
			});

		release("classpath:changelogs/notes-fixed.yaml").run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one", "two");
			MigrationStatus status = context.getBean(SchemaInspector.class).status(ACME);
			assertThat(status.upToDate()).isTrue();
			assertThat(status.attempts()).isZero();
			assertThat(status.failed()).isFalse();
			assertThat(status.snapshotAvailable()).isFalse();
			assertThat(tables(file)).contains("archive");
		});
	}

	@Test
	void anOperatorRetryStartsTheAttemptsOver() throws Exception {
		release("db/durable/notes/changelog.yaml").run((context) -> writeNotes(context, "acme", "one"));
		release("classpath:changelogs/notes-broken.yaml").withPropertyValues("durable-db.migration.max-attempts=1")
			.run((context) -> {
				NoteActions notes = context.getBean(NoteActions.class);
				SchemaMigrations migrations = context.getBean(SchemaMigrations.class);
				assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> Tenants.call("acme", notes::bodies));
				assertThat(context.getBean(SchemaInspector.class).status(ACME).failed()).isTrue();
				double runs = liquibaseRuns(context);
				Path file = this.dataDir.resolve("notes/acme.db");
				assertThatExceptionOfType(MigrationFailedException.class)
					.isThrownBy(() -> migrations.migrate(ACME, file, true))
					.withMessageContaining("attempt 1 of 1");
				assertThat(liquibaseRuns(context)).isEqualTo(runs + 1);
				assertThat(rows(file)).containsExactly("one");
			});
	}

	@Test
	void failedAttemptsAreSpacedAndEachLogsOneLineWithTheStackOnce(CapturedOutput output) throws Exception {
		release("db/durable/notes/changelog.yaml").run((context) -> {
			writeNotes(context, "acme", "a1");
			writeNotes(context, "globex", "g1");
		});
		release("classpath:changelogs/notes-broken.yaml").withPropertyValues("durable-db.migration.retry-delay=1h")
			.run((context) -> {
				NoteActions notes = context.getBean(NoteActions.class);
				assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> Tenants.call("acme", notes::bodies))
					.withMessageContaining("attempt 1 of 3");
				int afterFirst = output.getOut().length();
				double runs = liquibaseRuns(context);

				// Requests right after a failure wait for the next attempt instead of spending it.
				for (int access = 0; access < 5; access++) {
					assertThatExceptionOfType(MigrationFailedException.class)
						.isThrownBy(() -> Tenants.call("acme", notes::bodies))
						.withMessageContaining("next attempt is due in")
						.satisfies((ex) -> assertThat(ex.getRetryAfter()).isGreaterThan(Duration.ofMinutes(59)));
				}
				assertThat(liquibaseRuns(context)).isEqualTo(runs);
				assertThat(context.getBean(SchemaInspector.class).status(ACME).attempts()).isEqualTo(1);

				// Another tenant failing the same way logs its line without the stack again.
				assertThatExceptionOfType(MigrationFailedException.class)
					.isThrownBy(() -> Tenants.call("globex", notes::bodies));
				String first = output.getOut().substring(0, afterFirst);
				String rest = output.getOut().substring(afterFirst);
				assertThat(lines(first, "Migration of instance 'notes/acme'")).hasSize(1)
					.allSatisfy((line) -> assertThat(line).contains("attempt 1 of 3",
							"003-broken.yaml::004-broken::durable-db-tests", "UNIQUE constraint failed: archive.id",
							"its data was restored", "next attempt after"));
				assertThat(first).contains("\tat liquibase.");
				assertThat(lines(rest, "Migration of instance 'notes/globex'")).hasSize(1);
				assertThat(rest).doesNotContain("\tat ").doesNotContain("notes/acme");

				// An operator's retry does not wait.
				assertThatExceptionOfType(MigrationFailedException.class)
					.isThrownBy(() -> context.getBean(SchemaMigrations.class)
						.migrate(ACME, this.dataDir.resolve("notes/acme.db"), true))
					.withMessageContaining("attempt 1 of 3");
				assertThat(liquibaseRuns(context)).isEqualTo(runs + 2);
			});
	}

	@Test
	void aMigratedTenantLogsOneLineWhileLiquibaseStaysQuietUnlessAskedFor(CapturedOutput output) {
		release("db/durable/notes/changelog.yaml").run((context) -> {
			writeNotes(context, "acme", "a1");
			writeNotes(context, "globex", "g1");
		});
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		release("classpath:changelogs/notes-v2.yaml").run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			Tenants.call("acme", notes::bodies);
			assertThat(lines(output.getOut(), "Migrated instance 'notes/acme'")).singleElement()
				.satisfies((line) -> assertThat(line).contains("to changelog fingerprint", " ms"));
			assertThat(output.getOut()).doesNotContain("ran successfully");
			try {
				logging.setLogLevel("dev.durabledb.liquibase", LogLevel.DEBUG);
				Tenants.call("globex", notes::bodies);
				assertThat(lines(output.getOut(), "dev.durabledb.liquibase")).anySatisfy(
						(line) -> assertThat(line).contains("003-tags.yaml", "ran successfully"));
			}
			finally {
				logging.setLogLevel("dev.durabledb.liquibase", null);
			}
		});
	}

	private static List<String> lines(String output, String containing) {
		return output.lines().filter((line) -> line.contains(containing)).toList();
	}

	@Test
	@Timeout(60)
	void aLiquibaseLockLeftByACrashNeverBlocksTheNextMigration() throws SQLException {
		release("classpath:db/durable/notes/changelog.yaml")
			.run((context) -> writeNotes(context, "acme", "before the crash"));
		Path file = this.dataDir.resolve("notes/acme.db");
		// As a process killed during a migration leaves it: the lock row set, its holder gone.
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
			connection.createStatement()
				.executeUpdate("UPDATE DATABASECHANGELOGLOCK SET LOCKED = 1, LOCKGRANTED = '2026-12-01 00:00:00',"
						+ " LOCKEDBY = 'a killed process' WHERE ID = 1");
		}

		// Liquibase alone would wait five minutes for that lock, then fail every attempt.
		release("classpath:changelogs/notes-v2.yaml").run((context) -> {
			assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::bodies))
				.containsExactly("before the crash");
			assertThat(context.getBean(SchemaInspector.class).status(ACME).upToDate()).isTrue();
		});
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				ResultSet tag = connection.createStatement().executeQuery("SELECT tag FROM notes")) {
			assertThat(tag.next()).isTrue();
			assertThat(tag.getString(1)).isEqualTo("untagged");
		}
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				ResultSet lock = connection.createStatement().executeQuery("SELECT LOCKED FROM DATABASECHANGELOGLOCK")) {
			assertThat(lock.next()).isTrue();
			assertThat(lock.getInt(1)).isZero();
		}
	}

	@Test
	void aMigrationInterruptedHalfWayThroughAChangesetStartsAgainFromItsSnapshot() throws Exception {
		release("classpath:db/durable/notes/changelog.yaml").run((context) -> writeNotes(context, "acme", "kept"));
		String[] fingerprint = new String[1];
		release("classpath:changelogs/notes-v2.yaml")
			.run((context) -> fingerprint[0] = context.getBean(SchemaInspector.class).fingerprint("notes"));
		Path file = this.dataDir.resolve("notes/acme.db");
		// What a process killed during the migration to v2 leaves, step by step as the guard takes them:
		// the attempt counted, the snapshot taken, then the changeset's DDL applied but not recorded.
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
			connection.createStatement()
				.executeUpdate("UPDATE durable_db_instance SET attempts = 1, failed_fingerprint = '" + fingerprint[0]
						+ "' WHERE id = 1");
		}
		Path snapshot = Files.createDirectories(this.dataDir.resolve("notes/.durable-db/snapshots"))
			.resolve("acme.db.pre-migration");
		Files.copy(file, snapshot);
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
			connection.createStatement()
				.execute("ALTER TABLE notes ADD COLUMN tag TEXT NOT NULL DEFAULT 'untagged'");
		}

		release("classpath:changelogs/notes-v2.yaml").run((context) -> {
			assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::bodies)).containsExactly("kept");
			MigrationStatus status = context.getBean(SchemaInspector.class).status(ACME);
			assertThat(status.upToDate()).isTrue();
			assertThat(status.attempts()).isZero();
		});
	}

	private ApplicationContextRunner release(String changelog) {
		return TestApplications.withActions(this.dataDir)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			// These tests are about the Liquibase path; ReplayMigrationTests covers replay.
			.withPropertyValues("durable-db.databases.notes.changelog=" + changelog, "durable-db.migration.replay=false");
	}

	private static void writeNotes(org.springframework.context.ApplicationContext context, String tenant,
			String... bodies) {
		NoteActions notes = context.getBean(NoteActions.class);
		for (String body : bodies) {
			Tenants.run(tenant, () -> notes.add(body));
		}
	}

	private static double liquibaseRuns(org.springframework.context.ApplicationContext context) {
		return context.getBean(MeterRegistry.class)
			.find("durabledb.migrations")
			.tag("database", "notes")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	static List<String> rows(Path file) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				ResultSet result = connection.createStatement().executeQuery("SELECT id, body FROM notes ORDER BY id")) {
			while (result.next()) {
				rows.add(result.getString(2));
			}
		}
		return rows;
	}

	static List<String> tables(Path file) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				ResultSet result = connection.createStatement()
					.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
			while (result.next()) {
				tables.add(result.getString(1));
			}
		}
		return tables;
	}

}
