package dev.durabledb.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.fixtures.Causes;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every database's changelog is checked at startup, wherever it lives: one that cannot be
 * read, or that fails on an empty database, stops the application with what is wrong and
 * what to do, and changes no tenant file.
 */
class ChangelogStartupTests {

	private static final String NOTES_V1 = """
			databaseChangeLog:
			  - changeSet:
			      id: 001-notes
			      author: ops
			      changes:
			        - sql:
			            sql: CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)
			""";

	private static final String BROKEN_CHANGESET = """
			  - changeSet:
			      id: 002-broken
			      author: ops
			      changes:
			        - sql:
			            sql: ALTER TABLE no_such_table ADD COLUMN x INTEGER
			""";

	@TempDir
	Path root;

	@Test
	void aChangelogThatFailsOnAnEmptyDatabaseFailsStartupNamingTheChangeSetAndTheError() throws IOException {
		Path dataDir = this.root.resolve("data");
		app(dataDir, "classpath:db/durable/notes/changelog.yaml").run((context) -> writeNote(context, "acme", "kept"));
		byte[] before = Files.readAllBytes(dataDir.resolve("notes/acme.db"));
		List<Path> templatesBefore = list(dataDir.resolve("notes/.durable-db/templates"));

		app(dataDir, "classpath:changelogs/notes-unbuildable.yaml").run((context) -> {
			assertThat(context).hasFailed();
			ChangelogFailedException failure = Causes.find(context.getStartupFailure(), ChangelogFailedException.class);
			assertThat(failure.getDatabase()).isEqualTo("notes");
			assertThat(failure.getChangeSet())
				.isEqualTo("changelogs/notes/003-unbuildable.yaml::003-unbuildable::durable-db-tests");
			assertThat(failure.getDescription()).contains("database 'notes'", "changelogs/notes-unbuildable.yaml",
					"003-unbuildable", "no such table: table_that_does_not_exist");
			assertThat(failure.getAction()).contains("No tenant file was changed");
		});
		assertThat(Files.readAllBytes(dataDir.resolve("notes/acme.db"))).isEqualTo(before);
		assertThat(list(dataDir.resolve("notes/.durable-db/templates"))).isEqualTo(templatesBefore);
	}

	@Test
	void aChangelogThatCannotBeParsedFailsStartupNamingTheDatabase() {
		app(this.root, "classpath:changelogs/notes-unparsable.yaml").run((context) -> {
			assertThat(context).hasFailed();
			DurableDbConfigurationException failure = Causes.find(context.getStartupFailure(),
					DurableDbConfigurationException.class);
			assertThat(failure.getDescription()).startsWith("The changelog of database 'notes'")
				.contains("changelogs/notes-unparsable.yaml", "cannot be read");
			assertThat(failure.getAction()).contains("durable-db.databases.notes.changelog");
		});
	}

	@Test
	void aChangelogOutsideTheApplicationIsReadFromItsFolder() throws Exception {
		Path folder = Files.createDirectories(this.root.resolve("changelogs"));
		Files.writeString(folder.resolve("changelog.yaml"), NOTES_V1);
		Path dataDir = this.root.resolve("data");
		app(dataDir, "file:" + folder.resolve("changelog.yaml")).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(TenantDirectory.class).create("acme");
			writeNote(context, "acme", "from a file changelog");
		});
		// Recorded relative to its folder: moving the folder does not make the changesets new.
		assertThat(appliedFiles(dataDir.resolve("notes/acme.db"))).containsExactly("changelog.yaml");
		Path moved = Files.move(folder, this.root.resolve("elsewhere"));
		app(dataDir, "file:" + moved.resolve("changelog.yaml")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::bodies))
				.containsExactly("from a file changelog");
		});
	}

	@Test
	void aBrokenChangelogOutsideTheApplicationFailsStartupToo() throws IOException {
		Path folder = Files.createDirectories(this.root.resolve("changelogs"));
		Files.writeString(folder.resolve("changelog.yaml"), NOTES_V1 + BROKEN_CHANGESET);
		app(this.root.resolve("data"), "file:" + folder.resolve("changelog.yaml")).run((context) -> {
			assertThat(context).hasFailed();
			ChangelogFailedException failure = Causes.find(context.getStartupFailure(), ChangelogFailedException.class);
			assertThat(failure.getChangeSet()).isEqualTo("changelog.yaml::002-broken::ops");
			assertThat(failure.getDescription()).contains("no such table: no_such_table");
		});
	}

	@Test
	void aFileChangelogThatIsNotThereFailsStartupNamingTheProperty() {
		Path missing = this.root.resolve("nowhere/changelog.yaml");
		app(this.root.resolve("data"), "file:" + missing).run((context) -> {
			assertThat(context).hasFailed();
			DurableDbConfigurationException failure = Causes.find(context.getStartupFailure(),
					DurableDbConfigurationException.class);
			assertThat(failure.getDescription()).contains("durable-db.databases.notes.changelog", missing.toString());
		});
		assertThat(this.root.resolve("data/notes")).doesNotExist();
	}

	@Test
	void aChangelogLocationOfAnotherKindIsRefused() {
		app(this.root, "https://example.com/changelog.yaml").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(Causes.find(context.getStartupFailure(), DurableDbConfigurationException.class).getDescription())
				.contains("neither a classpath: nor a file: location");
		});
	}

	private static ApplicationContextRunner app(Path dataDir, String changelog) {
		return TestApplications.withActions(dataDir).withPropertyValues("durable-db.databases.notes.changelog=" + changelog);
	}

	private static void writeNote(org.springframework.context.ApplicationContext context, String tenant, String body) {
		Tenants.run(tenant, () -> context.getBean(NoteActions.class).add(body));
	}

	private static List<Path> list(Path folder) throws IOException {
		try (var files = Files.list(folder)) {
			return files.sorted().toList();
		}
	}

	private static List<String> appliedFiles(Path file) throws SQLException {
		List<String> files = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT DISTINCT FILENAME FROM DATABASECHANGELOG")) {
			while (rows.next()) {
				files.add(rows.getString(1));
			}
		}
		return files;
	}

}
