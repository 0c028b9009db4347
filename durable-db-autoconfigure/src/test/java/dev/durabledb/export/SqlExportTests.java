package dev.durabledb.export;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.durabledb.action.DurableDatabase;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.tenant.Tenants;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * An export loads back into an identical database: with the {@code sqlite3} shell (which
 * CI installs and then requires), or where it is missing through SQLite's own script
 * execution.
 */
class SqlExportTests {

	@TempDir
	Path root;

	@Test
	void anExportLoadsBackIntoAnIdenticalDatabase() throws Exception {
		TestApplications.withBackups(this.root.resolve("data"), this.root.resolve("backups")).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			JdbcClient db = context.getBean("notesDurableDatabase", DurableDatabase.class).jdbcClient();
			Tenants.call("acme", () -> notes.inside(() -> {
				db.sql("CREATE TABLE kinds (id INTEGER PRIMARY KEY AUTOINCREMENT, i INTEGER, r REAL, t TEXT, b BLOB, "
						+ "anything)").update();
				db.sql("INSERT INTO kinds (i, r, t, b, anything) VALUES (?, ?, ?, ?, ?)")
					.params(Long.MAX_VALUE, 0.1, "it's \"quoted\"\nand multi-line — ünïcödé 🙂", new byte[] { 0, 1, -1, 127 }, null)
					.update();
				db.sql("INSERT INTO kinds (i, r, t, b, anything) VALUES (?, ?, ?, ?, ?)")
					.params(Long.MIN_VALUE, 1e300, "", new byte[0], 42)
					.update();
				db.sql("INSERT INTO kinds (i, r, t, b, anything) VALUES (NULL, -2.5e-300, ?, NULL, 'text')")
					.param("nul\u0000inside")
					.update();
				db.sql("INSERT INTO kinds (i, r, t, b, anything) VALUES (0, 9e999, NULL, X'00', 3.25)").update();
				db.sql("CREATE INDEX kinds_t ON kinds (t)").update();
				db.sql("CREATE VIEW big AS SELECT id FROM kinds WHERE i > 0").update();
				db.sql("CREATE TRIGGER kinds_touch AFTER UPDATE ON kinds BEGIN SELECT 1; END").update();
				return null;
			}));
			Tenants.run("acme", () -> notes.add("a note"));
			ExportOperations exports = context.getBean(ExportOperations.class);

			ExportJob started = exports.start("notes", "acme");
			ExportJob job = awaitDone(exports, started.id());

			assertThat(job.status()).isEqualTo("done");
			assertThat(job.sizeBytes()).isPositive();
			Path loaded = this.root.resolve("loaded.db");
			load(job.file(), loaded);
			Path original = this.root.resolve("data/notes/acme.db");
			for (String table : List.of("notes", "kinds", "sqlite_sequence", "durable_db_instance", "DATABASECHANGELOG")) {
				assertThat(rows(loaded, table)).as(table).isEqualTo(rows(original, table)).isNotEmpty();
			}
			assertThat(schema(loaded)).isEqualTo(schema(original));
		});
	}

	@Test
	void exportingAnUnknownInstanceFailsAndWritesNothing() {
		TestApplications.withBackups(this.root.resolve("data"), this.root.resolve("backups"))
			.withPropertyValues("durable-db.tenant.auto-create=false")
			.run((context) -> {
				ExportOperations exports = context.getBean(ExportOperations.class);
				org.assertj.core.api.Assertions
					.assertThatExceptionOfType(dev.durabledb.instance.InstanceNotFoundException.class)
					.isThrownBy(() -> exports.start("notes", "ghost"));
				assertThat(exports.find("no-such-export")).isEmpty();
				assertThat(this.root.resolve("data/notes/ghost.db")).doesNotExist();
				assertThat(this.root.resolve("data/notes/.durable-db/exports")).doesNotExist();
			});
	}

	private static ExportJob awaitDone(ExportOperations exports, String id) {
		return Awaitility.await("export " + id)
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> exports.find(id).orElseThrow(), (job) -> !job.status().equals("running"));
	}

	private static void load(Path dump, Path target) throws Exception {
		String shell = sqlite3();
		if (shell != null) {
			Process process = new ProcessBuilder(shell, target.toString()).redirectInput(dump.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(output).isZero();
			assertThat(output).isEmpty();
			return;
		}
		if ("true".equals(System.getenv("CI"))) {
			fail("The sqlite3 shell is required on CI (.ci/run installs it)");
		}
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + target)) {
			connection.unwrap(org.sqlite.SQLiteConnection.class).getDatabase()._exec(Files.readString(dump));
		}
	}

	private static String sqlite3() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "sqlite3");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

	private static List<String> rows(Path file, String table) throws Exception {
		List<String> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement()) {
			List<String> columns = new ArrayList<>();
			try (ResultSet info = statement.executeQuery("PRAGMA table_info(\"" + table + "\")")) {
				while (info.next()) {
					columns.add("\"" + info.getString("name") + "\"");
				}
			}
			String select = String.join(" || '|' || ", columns.stream().map((c) -> "typeof(" + c + ") || ':' || quote(" + c + ")").toList());
			try (ResultSet result = statement.executeQuery("SELECT " + select + " FROM \"" + table + "\" ORDER BY rowid")) {
				while (result.next()) {
					rows.add(result.getString(1));
				}
			}
		}
		return rows;
	}

	private static List<String> schema(Path file) throws Exception {
		List<String> schema = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				ResultSet result = connection.createStatement()
					.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")) {
			while (result.next()) {
				schema.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3) + " "
						+ result.getString(4));
			}
		}
		return schema;
	}

}
