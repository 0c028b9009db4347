package dev.durabledb.backup;

import java.util.List;

/**
 * Told how backups and restores ended; metrics implement it. Beans of this type are told
 * in their order.
 */
public interface BackupListener {

	/** Listens to nothing. */
	BackupListener NONE = new BackupListener() {
	};

	/** One listener that tells each of {@code listeners}, in order. */
	static BackupListener all(List<? extends BackupListener> listeners) {
		if (listeners.isEmpty()) {
			return NONE;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		List<BackupListener> copy = List.copyOf(listeners);
		return new BackupListener() {

			@Override
			public void backupFinished(String database, boolean success, long nanos) {
				copy.forEach((listener) -> listener.backupFinished(database, success, nanos));
			}

			@Override
			public void restoreFinished(String database, boolean success, long nanos) {
				copy.forEach((listener) -> listener.restoreFinished(database, success, nanos));
			}

		};
	}

	/** A backup of an instance of {@code database} ended. */
	default void backupFinished(String database, boolean success, long nanos) {
	}

	/** A restore of an instance of {@code database} ended. */
	default void restoreFinished(String database, boolean success, long nanos) {
	}

}
