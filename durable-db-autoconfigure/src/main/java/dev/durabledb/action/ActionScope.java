package dev.durabledb.action;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import dev.durabledb.action.jdbc.ActionConnection;
import dev.durabledb.action.jdbc.ActionDataSource;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.sqlite.PreparedConnection;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The actions running on the current thread, innermost last, and the connection each one
 * uses. JDBC handles look up their connection here.
 * <p>
 * Spring's {@code DataSourceUtils} binds the first connection it gets from a
 * {@code DataSource} to the thread while a Spring transaction synchronization is active
 * (an application {@code @Transactional} method around our actions, say) and hands the
 * same one out afterwards, which would carry one tenant's connection into another
 * tenant's action. Each action therefore unbinds its database's {@code DataSource} when
 * it starts and restores what was bound when it ends.
 */
final class ActionScope {

	private final ThreadLocal<Frame> innermost = new ThreadLocal<>();

	private final Map<String, ActionDataSource> dataSources = new ConcurrentHashMap<>();

	/** The action running on {@code key} on this thread, if any. */
	Frame find(InstanceKey key) {
		for (Frame frame = this.innermost.get(); frame != null; frame = frame.outer) {
			if (frame.key.equals(key)) {
				return frame;
			}
		}
		return null;
	}

	/** Runs {@code body} as the innermost action on this thread, on {@code key} over {@code connection}. */
	<T> T runInFrame(InstanceKey key, PreparedConnection connection, boolean readOnly, ActionRunner.ActionBody<T> body)
			throws Throwable {
		Frame frame = enter(key, connection, readOnly);
		try {
			return body.run();
		}
		finally {
			exit(frame);
		}
	}

	private Frame enter(InstanceKey key, PreparedConnection connection, boolean readOnly) {
		ActionConnection handle = ActionConnection.open(connection, key);
		Object unbound = unbindSpringResource(key.database());
		Frame frame = new Frame(key, handle, readOnly, this.innermost.get(), unbound);
		this.innermost.set(frame);
		return frame;
	}

	/** Ends the innermost action, which must be {@code frame}. */
	private void exit(Frame frame) {
		frame.handle.end();
		if (frame.outer == null) {
			this.innermost.remove();
		}
		else {
			this.innermost.set(frame.outer);
		}
		unbindSpringResource(frame.key.database());
		if (frame.unboundSpringResource != null) {
			TransactionSynchronizationManager.bindResource(dataSource(frame.key.database()),
					frame.unboundSpringResource);
		}
	}

	/**
	 * The connection of the innermost action on {@code database} on this thread.
	 * @throws NoActionRunningException when no such action is running
	 */
	Connection connection(String database) {
		for (Frame frame = this.innermost.get(); frame != null; frame = frame.outer) {
			if (frame.key.database().equals(database)) {
				return frame.handle;
			}
		}
		throw new NoActionRunningException(database);
	}

	/** The {@code DataSource} whose connections are those of the current action on {@code database}. */
	DataSource dataSource(String database) {
		return this.dataSources.computeIfAbsent(database, (name) -> new ActionDataSource(name, () -> connection(name)));
	}

	private Object unbindSpringResource(String database) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		return TransactionSynchronizationManager.unbindResourceIfPossible(dataSource(database));
	}

	/** One running action. */
	static final class Frame {

		private final InstanceKey key;

		private final ActionConnection handle;

		private final boolean readOnly;

		private final Frame outer;

		private final Object unboundSpringResource;

		private Frame(InstanceKey key, ActionConnection handle, boolean readOnly, Frame outer,
				Object unboundSpringResource) {
			this.key = key;
			this.handle = handle;
			this.readOnly = readOnly;
			this.outer = outer;
			this.unboundSpringResource = unboundSpringResource;
		}

		boolean readOnly() {
			return this.readOnly;
		}

	}

}
