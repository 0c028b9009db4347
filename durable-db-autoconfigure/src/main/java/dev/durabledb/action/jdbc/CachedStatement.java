package dev.durabledb.action.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A prepared statement borrowed by an action's connection from the instance connection's
 * {@link dev.durabledb.instance.StatementCache}: closing it gives it back instead of
 * finalizing it; using it after that, or after its action ended, fails; its connection is
 * the action's, never the instance's own.
 */
final class CachedStatement extends PreparedStatementDelegate {

	private final ActionConnection owner;

	private final String sql;

	private final PreparedStatement target;

	private boolean closed;

	private CachedStatement(ActionConnection owner, String sql, PreparedStatement target) {
		this.owner = owner;
		this.sql = sql;
		this.target = target;
	}

	static PreparedStatement prepare(ActionConnection owner, String sql) throws SQLException {
		return new CachedStatement(owner, sql, owner.borrowStatement(sql));
	}

	@Override
	protected PreparedStatement target() throws SQLException {
		if (this.closed) {
			throw new SQLException("The statement is closed");
		}
		this.owner.checkRunning();
		return this.target;
	}

	@Override
	public void close() throws SQLException {
		if (!this.closed) {
			this.closed = true;
			this.owner.giveBack(this.sql, this.target);
		}
	}

	@Override
	public boolean isClosed() {
		return this.closed;
	}

	@Override
	public Connection getConnection() throws SQLException {
		target();
		return this.owner;
	}

	@Override
	public String toString() {
		return "Statement of an action: " + this.sql;
	}

}
