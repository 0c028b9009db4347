package dev.durabledb.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.Tenants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Migrations replayed from the template's recorded step, across "deployments" (each
 * context is one run of the application over the same data dir). The oracle is always a
 * twin: a copy of the tenant taken before the deployment and migrated by Liquibase
 * itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplayMigrationTests {

	private static final String V1 = "classpath:db/durable/notes/changelog.yaml";

	private static final String V2 = "classpath:changelogs/replay/notes-v2.yaml";

	private static final String V3 = "classpath:changelogs/replay/notes-v3.yaml";

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	@TempDir
	Path root;

	@Test
	void aReplayedTenantEqualsItsTwinMigratedByLiquibase(CapturedOutput output) throws Exception {
		release(V1).run((context) -> writeNotes(context, "acme", "one", "two", "three; with a semicolon"));
		Path twin = twinOf("acme");

		release(V2).run((context) -> {
			assertThat(context.getBean(SchemaInspector.class).status(ACME).nextMigration())
				.isEqualTo("replay: 1 step, 27 statements in one transaction");
			double liquibaseRuns = count(context, "durabledb.migrations");

			assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::count)).isEqualTo(3);

			assertThat(count(context, "durabledb.migrations.replayed")).isEqualTo(1);
			assertThat(count(context, "durabledb.migrations")).isEqualTo(liquibaseRuns);
			MigrationStatus status = context.getBean(SchemaInspector.class).status(ACME);
			assertThat(status.upToDate()).isTrue();
			assertThat(status.nextMigration()).isNull();
			assertThat(status.appliedChangeSets()).isEqualTo(10);
		});
		migrateWithLiquibase(twin, V2);

		assertThat(Contents.of(tenantFile("acme"))).isEqualTo(Contents.of(twin));
		assertThat(pending(tenantFile("acme"), V2)).isEmpty();
		assertThat(pending(twin, V2)).isEmpty();
		assertThat(output).contains("instances at " + shortFingerprintOf(V1) + " take this step by replay (27 statements)")
			.containsPattern("Migrated instance 'notes/acme' to changelog fingerprint \\w+ by replay \\(27 statements\\)");
		assertThat(Files.list(this.root.resolve("data/notes/.durable-db/snapshots")).toList()).isEmpty();
	}

	@Test
	void aTenantThreeFingerprintsBehindReplaysBothStepsInOneGo() throws Exception {
		release(V1).run((context) -> writeNotes(context, "acme", "one", "two"));
		Path twin = twinOf("acme");
		// Each release builds its template at startup, recording its step; acme sleeps through v2.
		release(V2).run((context) -> writeNotes(context, "globex", "g"));

		release(V3).run((context) -> {
			assertThat(context.getBean(SchemaInspector.class).status(ACME).nextMigration())
				.startsWith("replay: 2 steps, ");
			assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::count)).isEqualTo(2);
			assertThat(count(context, "durabledb.migrations.replayed")).isEqualTo(1);
		});
		migrateWithLiquibase(twin, V3);

		assertThat(Contents.of(tenantFile("acme"))).isEqualTo(Contents.of(twin));
		// Liquibase's addColumn on SQLite drops the default and NOT NULL (see LiquibaseOnSqliteTests): so does the replay.
		assertThat(Contents.of(tenantFile("acme")).tables().get("notes")).containsExactly("1|ONE;|null|1", "2|two|null|0");
		assertThat(pending(tenantFile("acme"), V3)).isEmpty();
	}

	@Test
	void aStatementThatFailsOnTheTenantsDataLeavesItAsItWasAndCountsTheAttempt(CapturedOutput output)
			throws Exception {
		release(V1).run((context) -> writeNotes(context, "acme", "same", "same"));
		Contents before = Contents.of(tenantFile("acme"));

		release("classpath:changelogs/replay/notes-unique.yaml").run((context) -> {
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> Tenants.call("acme", context.getBean(NoteActions.class)::count))
				.withMessageContaining("attempt 1 of 3");
			MigrationStatus status = context.getBean(SchemaInspector.class).status(ACME);
			assertThat(status.attempts()).isEqualTo(1);
			assertThat(status.lastError()).contains("UNIQUE constraint failed");
			assertThat(status.nextMigration()).startsWith("replay: ");
			assertThat(status.snapshotAvailable()).isFalse();
			assertThat(count(context, "durabledb.migrations.replayed")).isZero();
			assertThat(context.getBean(MeterRegistry.class)
				.get("durabledb.migrations.replayed")
				.tag("outcome", "failure")
				.counter()
				.count()).isEqualTo(1);
		});

		// The table and row the first changeset made, and its record, were rolled back with the rest.
		assertThat(Contents.of(tenantFile("acme"))).isEqualTo(before);
		assertThat(output).contains("Migration of instance 'notes/acme' to fingerprint",
				"failed, attempt 1 of 3, replaying 1 step, ", "UNIQUE constraint failed: notes.body");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			precondition   | it has preconditions, which may hold for one tenant and not another
			run-always     | it is runAlways
			run-on-change  | it is runOnChange
			context        | it has contexts
			labels         | it has labels
			no-transaction | it is runInTransaction: false
			tag            | its change tagDatabase may run other SQL on each tenant
			custom         | its change customChange may run other SQL on each tenant
			pragma         | it runs PRAGMA, which SQLite cannot run (or runs otherwise) inside a transaction
			""")
	void aStepThatCannotBeReplayedTakesLiquibaseAndSaysWhy(String name, String reason, CapturedOutput output)
			throws Exception {
		release(V1).run((context) -> writeNotes(context, "acme", "one"));
		Path twin = twinOf("acme");
		String changelog = "classpath:changelogs/replay/fallback-" + name + ".yaml";

		release(changelog).run((context) -> {
			assertThat(context.getBean(SchemaInspector.class).status(ACME).nextMigration()).startsWith("liquibase: ")
				.contains(reason);
			double liquibaseRuns = count(context, "durabledb.migrations");
			Tenants.call("acme", context.getBean(NoteActions.class)::count);
			assertThat(count(context, "durabledb.migrations")).isEqualTo(liquibaseRuns + 1);
			assertThat(count(context, "durabledb.migrations.replayed")).isZero();
		});
		assertThat(output).contains("take this step by Liquibase: ", reason)
			.containsPattern("Migrated instance 'notes/acme' to changelog fingerprint \\w+ with Liquibase");
		migrateWithLiquibase(twin, changelog);
		assertThat(Contents.of(tenantFile("acme"))).isEqualTo(Contents.of(twin));
	}

	@Test
	void aStepWhoseRehearsalDiffersFromLiquibaseTakesLiquibase(CapturedOutput output) {
		release(V1).run((context) -> writeNotes(context, "acme", "one"));

		release("classpath:changelogs/replay/fallback-random.yaml").run((context) -> {
			assertThat(context.getBean(SchemaInspector.class).status(ACME).nextMigration()).isEqualTo("liquibase: the"
					+ " step from fingerprint " + shortFingerprintOf(V1) + " to "
					+ shortFingerprintOf("classpath:changelogs/replay/fallback-random.yaml")
					+ " cannot be replayed: replaying it on the previous template did not give what Liquibase gave");
			Tenants.call("acme", context.getBean(NoteActions.class)::count);
			assertThat(count(context, "durabledb.migrations.replayed")).isZero();
			assertThat(context.getBean(SchemaInspector.class).status(ACME).upToDate()).isTrue();
		});
		assertThat(output).containsPattern("Migrated instance 'notes/acme' to changelog fingerprint \\w+ with Liquibase");
	}

	@Test
	void aTenantWhoseSchemaWasChangedByHandTakesLiquibase() throws Exception {
		release(V1).run((context) -> writeNotes(context, "acme", "one"));
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + tenantFile("acme"));
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE added_by_hand (x TEXT)");
		}
		Path twin = twinOf("acme");

		release(V2).run((context) -> {
			assertThat(context.getBean(SchemaInspector.class).status(ACME).nextMigration())
				.startsWith("liquibase: its schema or changeset record differs from the template's at fingerprint");
			Tenants.call("acme", context.getBean(NoteActions.class)::count);
			assertThat(count(context, "durabledb.migrations.replayed")).isZero();
		});
		migrateWithLiquibase(twin, V2);
		assertThat(Contents.of(tenantFile("acme"))).isEqualTo(Contents.of(twin));
	}

	@Test
	void replayCanBeTurnedOff() {
		release(V1).run((context) -> writeNotes(context, "acme", "one"));
		release(V2).withPropertyValues("durable-db.migration.replay=false").run((context) -> {
			assertThat(context.getBean(SchemaInspector.class).status(ACME).nextMigration())
				.isEqualTo("liquibase: replay is off (durable-db.migration.replay=false)");
			Tenants.call("acme", context.getBean(NoteActions.class)::count);
			assertThat(count(context, "durabledb.migrations.replayed")).isZero();
		});
	}

	@Test
	void aThousandTenantsMigrateEagerlyInParallelEachEqualToItsTwin() throws Exception {
		int tenants = 1000;
		release(V1).run((context) -> {
			for (int i = 0; i < tenants; i++) {
				writeNotes(context, "t" + i, "note " + i, "second " + i);
			}
		});
		List<Path> twins = new ArrayList<>();
		for (int i = 0; i < tenants; i++) {
			twins.add(twinOf("t" + i));
		}

		release(V2).withPropertyValues("durable-db.migration.mode=eager", "durable-db.migration.parallelism=4")
			.run((context) -> {
				assertThat(context.getBean(EagerMigration.class).migrateAll()).isZero();
				assertThat(count(context, "durabledb.migrations.replayed")).isEqualTo(tenants);
			});

		for (int i = 0; i < tenants; i++) {
			migrateWithLiquibase(twins.get(i), V2);
			assertThat(Contents.of(tenantFile("t" + i))).as("t" + i).isEqualTo(Contents.of(twins.get(i)));
		}
	}

	private ApplicationContextRunner release(String changelog) {
		return TestApplications.withActions(this.root.resolve("data"))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("durable-db.databases.notes.changelog=" + changelog);
	}

	private Path tenantFile(String tenant) {
		return this.root.resolve("data/notes/" + tenant + ".db");
	}

	/** A copy of the tenant's file, taken while no application runs. */
	private Path twinOf(String tenant) throws Exception {
		Path twin = Files.createDirectories(this.root.resolve("twins")).resolve(tenant + ".db");
		Files.copy(tenantFile(tenant), twin);
		return twin;
	}

	private static void migrateWithLiquibase(Path file, String changelog) throws Exception {
		LiquibaseRunner liquibase = new LiquibaseRunner(ReplayMigrationTests.class.getClassLoader());
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
			liquibase.update(connection,
					Changelog.load("notes", changelog.substring("classpath:".length()), liquibase));
		}
	}

	/** The changesets Liquibase itself would still run on {@code file}. */
	private static List<String> pending(Path file, String changelog) throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
			return Scope.child(Map.of(), () -> {
				Database database = DatabaseFactory.getInstance()
					.findCorrectDatabaseImplementation(new JdbcConnection(connection));
				try (Liquibase liquibase = new Liquibase(changelog.substring("classpath:".length()),
						new ClassLoaderResourceAccessor(), database)) {
					return liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression())
						.stream()
						.map((changeSet) -> changeSet.toString(false))
						.toList();
				}
			});
		}
	}

	private static String shortFingerprintOf(String changelog) {
		LiquibaseRunner liquibase = new LiquibaseRunner(ReplayMigrationTests.class.getClassLoader());
		return Changelog.load("notes", changelog.substring("classpath:".length()), liquibase).shortFingerprint();
	}

	private static void writeNotes(ApplicationContext context, String tenant, String... bodies) {
		NoteActions notes = context.getBean(NoteActions.class);
		for (String body : bodies) {
			Tenants.run(tenant, () -> notes.add(body));
		}
	}

	private static double count(ApplicationContext context, String counter) {
		Counter found = context.getBean(MeterRegistry.class).find(counter).tag("outcome", "success").counter();
		return (found != null) ? found.count() : 0;
	}

	/**
	 * What a file holds, as the twin comparison sees it: every schema object as SQLite
	 * stores it, every row of every table (the starter's own table aside), and Liquibase's
	 * record of the changesets without its dates and deployment ids.
	 */
	record Contents(List<String> schema, Map<String, List<String>> tables, List<String> changelog) {

		static Contents of(Path file) throws SQLException {
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
				List<String> schema = rows(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master"
						+ " WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> 'durable_db_instance' ORDER BY type, name");
				Map<String, List<String>> tables = new LinkedHashMap<>();
				for (String table : rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name"
						+ " NOT IN ('durable_db_instance', 'DATABASECHANGELOG', 'DATABASECHANGELOGLOCK') ORDER BY name")) {
					tables.put(table, rows(connection, "SELECT * FROM " + table + " ORDER BY 1"));
				}
				List<String> changelog = rows(connection, "SELECT ID, AUTHOR, FILENAME, ORDEREXECUTED, MD5SUM, EXECTYPE,"
						+ " DESCRIPTION, COMMENTS, TAG, CONTEXTS, LABELS, LIQUIBASE FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED");
				return new Contents(schema, tables, changelog);
			}
		}

		private static List<String> rows(Connection connection, String query) throws SQLException {
			List<String> rows = new ArrayList<>();
			try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
				ResultSetMetaData columns = result.getMetaData();
				while (result.next()) {
					List<String> values = new ArrayList<>();
					for (int i = 1; i <= columns.getColumnCount(); i++) {
						values.add(result.getString(i));
					}
					rows.add(String.join("|", values.stream().map(String::valueOf).toList()));
				}
			}
			return rows;
		}

	}

}
