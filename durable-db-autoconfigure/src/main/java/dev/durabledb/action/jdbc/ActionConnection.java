package dev.durabledb.action.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import dev.durabledb.instance.InstanceKey;
import dev.durabledb.sqlite.PreparedConnection;
import dev.durabledb.sqlite.StatementCache;

/**
 * The connection code sees inside an action: the instance's own connection, except that
 * the action owns its lifecycle. {@code close()} does nothing (JDBC helpers close what
 * they borrow), {@code commit()}, {@code rollback()} and {@code setAutoCommit()} fail
 * (the action commits when it returns), and every call fails once the action has ended,
 * so a connection kept past its action can never write outside the writer lock.
 * <p>
 * {@code prepareStatement(sql)} hands out a statement from the connection's
 * {@link StatementCache}.
 * <p>
 * Internal: public only for the action runner; applications get it from their
 * {@code DurableDatabase}.
 */
public final class ActionConnection extends ConnectionDelegate {

	private final Connection target;

	private final StatementCache statements;

	private final InstanceKey key;

	private boolean ended;

	private ActionConnection(PreparedConnection pooled, InstanceKey key) {
		this.target = pooled.connection();
		this.statements = pooled.statements();
		this.key = key;
	}

	/** A connection for an action on {@code key} over {@code target}, until {@link #end()}. */
	public static ActionConnection open(PreparedConnection target, InstanceKey key) {
		return new ActionConnection(target, key);
	}

	/** Ends the action's use of the connection: every later call fails. */
	public void end() {
		this.ended = true;
	}

	@Override
	protected Connection target() {
		checkRunning();
		return this.target;
	}

	@Override
	public PreparedStatement prepareStatement(String sql) throws SQLException {
		checkRunning();
		return CachedStatement.prepare(this, sql);
	}

	@Override
	public void close() {
	}

	@Override
	public boolean isClosed() throws SQLException {
		return this.ended || this.target.isClosed();
	}

	@Override
	public void commit() {
		throw managedByAction("return to commit, throw to roll back");
	}

	@Override
	public void setAutoCommit(boolean autoCommit) {
		throw managedByAction("return to commit, throw to roll back");
	}

	@Override
	public void rollback() {
		throw managedByAction("throw to roll back");
	}

	@Override
	public String toString() {
		return "Connection of action on " + this.key;
	}

	private static IllegalStateException managedByAction(String how) {
		return new IllegalStateException("Transactions of durable actions are managed by @DurableAction: " + how);
	}

	/**
	 * A statement for {@code sql}: an idle one from the connection's cache, or a new one
	 * prepared on it.
	 */
	PreparedStatement borrowStatement(String sql) throws SQLException {
		PreparedStatement statement = this.statements.take(sql);
		return (statement != null) ? statement : this.target.prepareStatement(sql);
	}

	/** Keeps a statement the action is done with for reuse. */
	void giveBack(String sql, PreparedStatement statement) throws SQLException {
		this.statements.giveBack(sql, statement);
	}

	/** Fails once the action has ended: nothing may reach the instance's connection after it. */
	void checkRunning() {
		if (this.ended) {
			throw new IllegalStateException("This connection belonged to an action on '" + this.key
					+ "' that has ended; use the JDBC handles inside the action only");
		}
	}

}
