package dev.durabledb.action.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.durabledb.action.DurableDatabase;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Statements prepared inside actions are reused, and never shared while in use. */
class CachedStatementTests {

	private static final String COUNT = "SELECT count(*) FROM notes WHERE body = ?";

	@TempDir
	Path dataDir;

	@Test
	void aClosedStatementIsReusedWithFreshParametersAndCannotBeUsedByItsFormerOwner() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			DurableDatabase db = context.getBean("notesDurableDatabase", DurableDatabase.class);
			Tenants.run("acme", () -> notes.add("a"));
			Tenants.call("acme", () -> notes.inside(() -> {
				Connection connection = db.dataSource().getConnection();
				PreparedStatement first = connection.prepareStatement(COUNT);
				first.setString(1, "a");
				assertThat(count(first)).isEqualTo(1);
				first.close();
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> first.setString(1, "b"));
				PreparedStatement second = connection.prepareStatement(COUNT);
				second.setString(1, "b");
				assertThat(count(second)).isZero();
				second.close();
				return null;
			}));
		});
	}

	@Test
	void aStatementKeptPastItsActionCannotBeUsedAndItsConnectionIsTheActions() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			DurableDatabase db = context.getBean("notesDurableDatabase", DurableDatabase.class);
			PreparedStatement kept = Tenants.call("acme", () -> notes.inside(() -> {
				Connection connection = db.dataSource().getConnection();
				PreparedStatement insert = connection.prepareStatement("INSERT INTO notes (body) VALUES (?)");
				assertThat(insert.getConnection()).isSameAs(connection);
				return insert;
			}));

			assertThatIllegalStateException().isThrownBy(() -> kept.setString(1, "outside the action"))
				.withMessageContaining("has ended");
			assertThatIllegalStateException().isThrownBy(kept::executeUpdate).withMessageContaining("has ended");
			assertThatIllegalStateException().isThrownBy(kept::getConnection).withMessageContaining("has ended");
			assertThat(Tenants.call("acme", notes::count)).isZero();
		});
	}

	@Test
	void twoStatementsForTheSameSqlOpenAtOnceAreDistinct() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			DurableDatabase db = context.getBean("notesDurableDatabase", DurableDatabase.class);
			Tenants.run("acme", () -> notes.add("a"));
			Tenants.call("acme", () -> notes.inside(() -> {
				Connection connection = db.dataSource().getConnection();
				try (PreparedStatement outer = connection.prepareStatement(COUNT);
						PreparedStatement inner = connection.prepareStatement(COUNT)) {
					outer.setString(1, "a");
					inner.setString(1, "zzz");
					assertThat(count(outer)).isEqualTo(1);
					assertThat(count(inner)).isZero();
				}
				return null;
			}));
			// Reused across actions, the statements still answer correctly.
			for (int i = 0; i < 3; i++) {
				Tenants.run("acme", () -> notes.add("a"));
			}
			assertThat(Tenants.call("acme", notes::count)).isEqualTo(4);
		});
	}

	private static int count(PreparedStatement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getInt(1);
		}
	}

}
