package dev.durabledb.instance;

import java.nio.file.Path;

/**
 * Told what happens to instance files that matters to whoever follows them (replication
 * does): an instance opened, is about to close, closed, and an exclusive operation ran
 * on one.
 */
public interface InstanceObserver {

	/** Observes nothing. */
	InstanceObserver NONE = new InstanceObserver() {
	};

	/**
	 * Called as the instance opens, before it serves its first action: one connection is
	 * open on it, and nobody uses it yet. Must not throw.
	 * @param created whether the file was created by this open
	 */
	default void afterOpen(InstanceKey key, Path file, boolean created) {
	}

	/**
	 * Called on the closing thread before the instance's connections close: nobody uses
	 * it, its write-ahead log is still there (closing folds it into the file and deletes
	 * it). Must not throw.
	 */
	default void beforeClose(InstanceKey key, Path file) {
	}

	/**
	 * Called on the closing thread once the instance's connections are closed: unless it
	 * opened again meanwhile, its log is folded into the file. Must not throw.
	 */
	default void afterClose(InstanceKey key, Path file) {
	}

	/**
	 * Called after an {@link InstanceRegistry#exclusive exclusive} operation, before the
	 * instance can open again: its file may have been replaced or deleted. Must not throw.
	 */
	default void afterExclusive(InstanceKey key) {
	}

}
