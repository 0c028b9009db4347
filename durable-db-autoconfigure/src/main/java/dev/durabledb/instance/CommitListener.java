package dev.durabledb.instance;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Told about every write transaction as it commits, on the writer connection and under
 * the writer lock; backups use it to know which instances changed.
 */
public interface CommitListener {

	/** Listens to nothing. */
	CommitListener NONE = new CommitListener() {
	};

	/** One listener that tells each of {@code listeners}, in order. */
	static CommitListener all(List<? extends CommitListener> listeners) {
		if (listeners.isEmpty()) {
			return NONE;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		List<CommitListener> copy = List.copyOf(listeners);
		return new CommitListener() {

			@Override
			public void beforeCommit(InstanceKey key, Connection connection) throws SQLException {
				for (CommitListener listener : copy) {
					listener.beforeCommit(key, connection);
				}
			}

			@Override
			public void afterCommit(InstanceKey key) {
				for (CommitListener listener : copy) {
					listener.afterCommit(key);
				}
			}

		};
	}

	/** Called inside the write transaction, just before it commits. */
	default void beforeCommit(InstanceKey key, Connection connection) throws SQLException {
	}

	/** Called once the write transaction committed. */
	default void afterCommit(InstanceKey key) {
	}

}
