package dev.durabledb.backup;

/** What backups and restores report as they go; metrics listen to it. */
public interface BackupEvents {

	/** Reports nothing. */
	BackupEvents NONE = new BackupEvents() {
	};

	/** A backup of an instance of {@code database} ended. */
	default void backupFinished(String database, boolean success, long nanos) {
	}

	/** A restore of an instance of {@code database} ended. */
	default void restoreFinished(String database, boolean success, long nanos) {
	}

}
