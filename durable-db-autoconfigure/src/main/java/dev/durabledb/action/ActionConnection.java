package dev.durabledb.action;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.PooledConnection;
import dev.durabledb.instance.StatementCache;

/**
 * The connection code sees inside an action: the instance's own connection, except that
 * the action owns its lifecycle. {@code close()} does nothing (JDBC helpers close what
 * they borrow), {@code commit()}, {@code rollback()} and {@code setAutoCommit()} fail
 * (the action commits when it returns), and every call fails once the action has ended,
 * so a connection kept past its action can never write outside the writer lock.
 * <p>
 * {@code prepareStatement(sql)} hands out a statement from the connection's
 * {@link StatementCache} when there is one. A JDK proxy keeps this to the handful of
 * methods that differ, instead of a delegating class of some sixty methods.
 */
final class ActionConnection implements InvocationHandler {

	private static final ProxyFactory<Connection> PROXIES = new ProxyFactory<>(Connection.class);

	private final Connection target;

	private final StatementCache statements;

	private final InstanceKey key;

	private final Connection proxy;

	private boolean ended;

	private ActionConnection(PooledConnection pooled, InstanceKey key) {
		this.target = pooled.connection();
		this.statements = pooled.statements();
		this.key = key;
		this.proxy = PROXIES.create(this);
	}

	/** A connection for an action on {@code key} over {@code target}, until {@link #end()}. */
	static ActionConnection open(PooledConnection target, InstanceKey key) {
		return new ActionConnection(target, key);
	}

	/** What the action's code uses. */
	Connection connection() {
		return this.proxy;
	}

	/** Ends the action's use of the connection: every later call fails. */
	void end() {
		this.ended = true;
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		switch (method.getName()) {
			case "close":
				return null;
			case "isClosed":
				return this.ended || this.target.isClosed();
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "toString":
				return "Connection of action on " + this.key;
			case "commit", "setAutoCommit":
				throw new IllegalStateException(
						"Transactions of durable actions are managed by @DurableAction: return to commit, throw to roll back");
			case "rollback":
				if (args == null || args.length == 0) {
					throw new IllegalStateException(
							"Transactions of durable actions are managed by @DurableAction: throw to roll back");
				}
				break;
			default:
				break;
		}
		checkRunning();
		if (method.getName().equals("prepareStatement") && args.length == 1) {
			return CachedStatement.prepare(this, (String) args[0]);
		}
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
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
