package dev.durabledb.action;

import java.sql.Connection;
import java.sql.SQLException;

import dev.durabledb.instance.InstanceKey;

/**
 * Told about every write action as it commits, on the writer connection and under the
 * writer lock; backups use it to know which instances changed.
 */
public interface WriteObserver {

	/** Observes nothing. */
	WriteObserver NONE = new WriteObserver() {
	};

	/** Called inside the write transaction, just before it commits. */
	default void beforeCommit(InstanceKey key, Connection connection) throws SQLException {
	}

	/** Called once the write transaction committed. */
	default void afterCommit(InstanceKey key) {
	}

}
