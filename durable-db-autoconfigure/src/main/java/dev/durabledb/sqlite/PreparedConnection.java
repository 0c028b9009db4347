package dev.durabledb.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/**
 * A connection of an open instance, with the prepared statements it keeps: those of its
 * users, and its own {@code BEGIN}, {@code COMMIT} and {@code ROLLBACK}, prepared once
 * instead of on every transaction.
 * <p>
 * The connection stays in auto-commit mode between transactions. During one, its
 * configuration says auto-commit is off (the way sqlite-jdbc itself handles savepoints),
 * so that sqlite-jdbc does not follow each statement with its own auto-commit check, and
 * so that a writer never holds SQLite's write lock between actions (sqlite-jdbc's
 * {@code commit()} would start the next transaction at once).
 */
public final class PreparedConnection {

	private final Connection connection;

	private final SQLiteConnectionConfig config;

	private final StatementCache statements = new StatementCache();

	private TransactionStatement beginImmediate;

	private TransactionStatement beginDeferred;

	private TransactionStatement commit;

	private TransactionStatement rollback;

	private PreparedConnection(Connection connection) throws SQLException {
		this.connection = connection;
		this.config = connection.unwrap(SQLiteConnection.class).getConnectionConfig();
	}

	/** Takes over {@code connection}, which must be a sqlite-jdbc connection in auto-commit mode. */
	public static PreparedConnection of(Connection connection) throws SQLException {
		return new PreparedConnection(connection);
	}

	public Connection connection() {
		return this.connection;
	}

	public StatementCache statements() {
		return this.statements;
	}

	/** {@code BEGIN IMMEDIATE}: takes the write lock now, so a writer never fails half-way. */
	public void beginImmediate() throws SQLException {
		if (this.beginImmediate == null) {
			this.beginImmediate = new TransactionStatement(this.connection, "BEGIN IMMEDIATE");
		}
		begin(this.beginImmediate);
	}

	/** {@code BEGIN}: a read transaction, one consistent snapshot for every statement in it. */
	public void beginDeferred() throws SQLException {
		if (this.beginDeferred == null) {
			this.beginDeferred = new TransactionStatement(this.connection, "BEGIN");
		}
		begin(this.beginDeferred);
	}

	/** {@code COMMIT}; when it fails the transaction is still open and must be rolled back. */
	public void commit() throws SQLException {
		if (this.commit == null) {
			this.commit = new TransactionStatement(this.connection, "COMMIT");
		}
		this.commit.run();
		autoCommit(true);
	}

	/** {@code ROLLBACK}; the connection is back in auto-commit mode even when it fails. */
	public void rollback() throws SQLException {
		try {
			if (this.rollback == null) {
				this.rollback = new TransactionStatement(this.connection, "ROLLBACK");
			}
			this.rollback.run();
		}
		finally {
			autoCommit(true);
		}
	}

	private void begin(TransactionStatement begin) throws SQLException {
		autoCommit(false);
		try {
			begin.run();
		}
		catch (SQLException ex) {
			autoCommit(true);
			throw ex;
		}
	}

	private void autoCommit(boolean autoCommit) {
		this.config.setAutoCommit(autoCommit);
	}

	/** Closes the kept statements, then the connection. */
	public void close() throws SQLException {
		this.statements.closeAll();
		this.connection.close();
	}

}
