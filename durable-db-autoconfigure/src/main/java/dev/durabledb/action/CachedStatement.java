package dev.durabledb.action;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import dev.durabledb.instance.StatementCache;

/**
 * A prepared statement borrowed from a {@link StatementCache} by an action's connection:
 * closing it gives it back instead of finalizing it; using it after that, or after its
 * action ended, fails; its connection is the action's, never the instance's own.
 */
final class CachedStatement extends PreparedStatementDelegate {

	private final PreparedStatement target;

	private final StatementCache cache;

	private final String sql;

	private final ActionConnection owner;

	private final Connection ownerProxy;

	private boolean closed;

	private CachedStatement(PreparedStatement target, StatementCache cache, String sql, ActionConnection owner,
			Connection ownerProxy) {
		this.target = target;
		this.cache = cache;
		this.sql = sql;
		this.owner = owner;
		this.ownerProxy = ownerProxy;
	}

	/**
	 * A statement for {@code sql}: an idle one from {@code cache}, or a new one prepared on
	 * {@code connection}.
	 */
	static PreparedStatement prepare(Connection connection, StatementCache cache, String sql, ActionConnection owner,
			Connection ownerProxy) throws SQLException {
		PreparedStatement statement = cache.take(sql);
		if (statement == null) {
			statement = connection.prepareStatement(sql);
		}
		return new CachedStatement(statement, cache, sql, owner, ownerProxy);
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
			this.cache.giveBack(this.sql, this.target);
		}
	}

	@Override
	public boolean isClosed() {
		return this.closed;
	}

	@Override
	public Connection getConnection() throws SQLException {
		target();
		return this.ownerProxy;
	}

	@Override
	public String toString() {
		return "Statement of an action: " + this.sql;
	}

}
