package dev.durabledb.instance;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Told about every write transaction as it commits, on the writer connection and under
 * the writer lock, and once more before the action returns; backups use it to know which
 * instances changed, replication to ship and acknowledge commits.
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

			@Override
			public void acknowledge(InstanceKey key) {
				for (CommitListener listener : copy) {
					listener.acknowledge(key);
				}
			}

		};
	}

	/** Called inside the write transaction, just before it commits. */
	default void beforeCommit(InstanceKey key, Connection connection) throws SQLException {
	}

	/** Called once the write transaction committed, still under the writer lock. */
	default void afterCommit(InstanceKey key) {
	}

	/**
	 * Called after the writer lock of a committed write transaction is released, before
	 * the action returns: a listener may hold the caller until the commit is safe
	 * elsewhere, or throw to say it is not (the commit stays).
	 */
	default void acknowledge(InstanceKey key) {
	}

}
