package dev.durabledb.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What Liquibase's own change types do on SQLite, with the Liquibase and sqlite-jdbc this
 * build ships: the surprises the README warns about ("Liquibase on SQLite"). If an upgrade
 * changes one, this fails and the README needs a new look.
 */
class LiquibaseOnSqliteTests {

	@TempDir
	Path folder;

	private final LiquibaseRunner liquibase = new LiquibaseRunner(getClass().getClassLoader());

	@Test
	void addColumnAndDropColumnRebuildTheTableAndDoNotDoWhatTheySay() throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.folder.resolve("t.db"))) {
			this.liquibase.update(connection, load("changelogs/liquibase-on-sqlite/changelog.yaml"));

			String table = schema(connection, "t");
			// addColumn with nullable: false and a default: neither the constraint nor the
			// default reached the table, and the existing row got NULL, not 7.
			assertThat(table).contains("c INTEGER,");
			assertThat(query(connection, "SELECT c IS NULL FROM t WHERE id = 1")).isEqualTo("1");
			// The table was rebuilt (its primary key is now a table constraint)...
			assertThat(table).contains("CONSTRAINT PK_T PRIMARY KEY (id)");
			// ...and its index written anew, in Liquibase's words.
			assertThat(schema(connection, "t_a")).isEqualTo("CREATE INDEX t_a ON t(a)");
			// dropColumn left column b in place: changeset 5 drops it with SQLite's own
			// ALTER TABLE, which would have failed had b been gone. SQLite's ALTER TABLE,
			// in an sql change, does exactly what it says.
			assertThat(table).contains("d INTEGER NOT NULL DEFAULT 7").doesNotContain(" b TEXT");
			assertThat(query(connection, "SELECT d FROM t WHERE id = 1")).isEqualTo("7");
		}
	}

	@Test
	void addNotNullConstraintModifyDataTypeAndAddForeignKeyConstraintAreRefusedBeforeAnythingRuns() throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.folder.resolve("u.db"))) {
			assertThatExceptionOfType(ChangeSetFailure.class)
				.isThrownBy(() -> this.liquibase.update(connection, load("changelogs/liquibase-on-sqlite/unsupported.yaml")))
				.satisfies((ex) -> assertThat(ex.error()).contains("addNotNullConstraint is not supported on sqlite",
						"modifyDataType is not supported on sqlite", "addForeignKeyConstraint is not supported on sqlite"));
			assertThat(query(connection, "SELECT count(*) FROM sqlite_master WHERE name = 't'")).isEqualTo("0");
		}
	}

	private Changelog load(String location) {
		return Changelog.load("tests", location, this.liquibase);
	}

	private static String schema(Connection connection, String name) throws SQLException {
		return query(connection, "SELECT sql FROM sqlite_master WHERE name = '" + name + "'");
	}

	private static String query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
			return row.next() ? row.getString(1) : null;
		}
	}

}
