package dev.durabledb.replication;

import java.util.List;

/**
 * Told what replication put in the store; metrics implement it. Beans of this type are
 * told in their order.
 */
public interface ReplicationListener {

	/** Listens to nothing. */
	ReplicationListener NONE = new ReplicationListener() {
	};

	/** One listener that tells each of {@code listeners}, in order. */
	static ReplicationListener all(List<? extends ReplicationListener> listeners) {
		if (listeners.isEmpty()) {
			return NONE;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		List<ReplicationListener> copy = List.copyOf(listeners);
		return new ReplicationListener() {

			@Override
			public void segmentShipped(String database, int commits, long bytes) {
				copy.forEach((listener) -> listener.segmentShipped(database, commits, bytes));
			}

			@Override
			public void snapshotShipped(String database, long bytes) {
				copy.forEach((listener) -> listener.snapshotShipped(database, bytes));
			}

		};
	}

	/** A segment of {@code commits} commits, {@code bytes} long, of an instance of {@code database} is in the store. */
	default void segmentShipped(String database, int commits, long bytes) {
	}

	/** A snapshot, {@code bytes} long compressed, of an instance of {@code database} began a generation. */
	default void snapshotShipped(String database, long bytes) {
	}

}
