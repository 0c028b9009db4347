package dev.durabledb.instance;

import java.sql.Connection;
import java.sql.SQLException;

import org.sqlite.SQLiteConnection;

/**
 * Starts and ends transactions on a sqlite-jdbc connection with one statement each.
 * <p>
 * sqlite-jdbc's own {@code commit()} starts the next transaction at once, so a writer
 * left with auto-commit off would hold SQLite's write lock between actions. Instead the
 * connection stays in auto-commit mode between actions, and during one its
 * configuration says auto-commit is off (the way sqlite-jdbc itself handles savepoints),
 * so that statements inside the transaction are not followed by sqlite-jdbc's
 * auto-commit check.
 */
public final class SqliteTransaction {

	private SqliteTransaction() {
	}

	/** {@code BEGIN IMMEDIATE}: takes the write lock now, so a writer never fails half-way. */
	public static void beginImmediate(Connection connection) throws SQLException {
		begin(connection, "BEGIN IMMEDIATE");
	}

	/** {@code BEGIN}: a read transaction, one consistent snapshot for every statement in it. */
	public static void beginDeferred(Connection connection) throws SQLException {
		begin(connection, "BEGIN");
	}

	/** {@code COMMIT}; when it fails the transaction is still open and must be rolled back. */
	public static void commit(Connection connection) throws SQLException {
		SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
		sqlite.getDatabase().exec("COMMIT", false);
		sqlite.getConnectionConfig().setAutoCommit(true);
	}

	/** {@code ROLLBACK}; the connection is back in auto-commit mode even when it fails. */
	public static void rollback(Connection connection) throws SQLException {
		SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
		try {
			sqlite.getDatabase().exec("ROLLBACK", false);
		}
		finally {
			sqlite.getConnectionConfig().setAutoCommit(true);
		}
	}

	private static void begin(Connection connection, String sql) throws SQLException {
		SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
		sqlite.getDatabase().exec(sql, false);
		sqlite.getConnectionConfig().setAutoCommit(false);
	}

}
