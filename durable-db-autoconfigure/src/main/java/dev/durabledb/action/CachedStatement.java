package dev.durabledb.action;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import dev.durabledb.instance.StatementCache;

/**
 * A prepared statement borrowed from a {@link StatementCache}: closing it gives it back
 * instead of finalizing it; using it after that fails as with a closed statement.
 */
final class CachedStatement implements InvocationHandler {

	private static final ProxyFactory<PreparedStatement> PROXIES = new ProxyFactory<>(PreparedStatement.class);

	private final PreparedStatement target;

	private final StatementCache cache;

	private final String sql;

	private boolean closed;

	private CachedStatement(PreparedStatement target, StatementCache cache, String sql) {
		this.target = target;
		this.cache = cache;
		this.sql = sql;
	}

	static PreparedStatement prepare(Connection connection, StatementCache cache, String sql) throws SQLException {
		PreparedStatement statement = cache.take(sql);
		if (statement == null) {
			statement = connection.prepareStatement(sql);
		}
		return PROXIES.create(new CachedStatement(statement, cache, sql));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		switch (method.getName()) {
			case "close":
				if (!this.closed) {
					this.closed = true;
					this.cache.giveBack(this.sql, this.target);
				}
				return null;
			case "isClosed":
				return this.closed;
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			default:
				break;
		}
		if (this.closed) {
			throw new SQLException("The statement is closed");
		}
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
