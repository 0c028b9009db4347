package dev.durabledb.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs work in one {@code BEGIN IMMEDIATE} transaction on a connection in auto-commit
 * mode: all of it commits, or none of it. SQLite's DDL is transactional, so a replay that
 * fails half-way leaves schema and data as they were.
 */
final class ReplayTransaction {

	private ReplayTransaction() {
	}

	static void run(Connection connection, Work work) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("BEGIN IMMEDIATE");
			try {
				work.run();
				statement.execute("COMMIT");
			}
			catch (SQLException | RuntimeException ex) {
				rollback(connection, ex);
				throw ex;
			}
		}
	}

	private static void rollback(Connection connection, Exception failure) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("ROLLBACK");
		}
		catch (SQLException ex) {
			// Some errors end the transaction themselves: then there is nothing to roll back.
			if (ex.getMessage() == null || !ex.getMessage().contains("no transaction is active")) {
				failure.addSuppressed(ex);
			}
		}
	}

	@FunctionalInterface
	interface Work {

		void run() throws SQLException;

	}

}
