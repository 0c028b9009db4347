package dev.durabledb.instance;

import java.nio.file.Path;

/**
 * Told what happens to instance files that matters to whoever follows them (replication
 * does): an open instance is about to close, and an exclusive operation ran on one.
 */
public interface InstanceObserver {

	/** Observes nothing. */
	InstanceObserver NONE = new InstanceObserver() {
	};

	/**
	 * Called on the closing thread before the instance's connections close: nobody uses
	 * it, its write-ahead log is still there (closing folds it into the file and deletes
	 * it). Must not throw.
	 */
	default void beforeClose(InstanceKey key, Path file) {
	}

	/**
	 * Called after an {@link InstanceRegistry#exclusive exclusive} operation, before the
	 * instance can open again: its file may have been replaced or deleted. Must not throw.
	 */
	default void afterExclusive(InstanceKey key) {
	}

}
