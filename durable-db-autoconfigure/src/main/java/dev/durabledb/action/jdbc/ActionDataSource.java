package dev.durabledb.action.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A {@code DataSource} whose only connection is the one of the action running on the
 * current thread for its database. Used outside any action it fails at once; it never
 * falls back to another instance.
 */
public final class ActionDataSource implements DataSource {

	private final String database;

	private final Supplier<Connection> currentConnection;

	/**
	 * @param database the database whose actions it serves
	 * @param currentConnection the connection of the action running on the current thread;
	 * throws when none runs
	 */
	public ActionDataSource(String database, Supplier<Connection> currentConnection) {
		this.database = database;
		this.currentConnection = currentConnection;
	}

	@Override
	public Connection getConnection() {
		return this.currentConnection.get();
	}

	@Override
	public Connection getConnection(String username, String password) {
		return getConnection();
	}

	@Override
	public PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
	}

	@Override
	public int getLoginTimeout() {
		return 0;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new java.sql.SQLException("Not a wrapper of " + type.getName());
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

	@Override
	public String toString() {
		return "DataSource of the current action on durable database '" + this.database + "'";
	}

}
