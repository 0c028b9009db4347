package dev.durabledb.instance;

import java.nio.file.Path;
import java.util.List;

/**
 * Told what happens to instance files that matters to whoever follows them (replication
 * does): an instance opened, is about to close, closed, and an exclusive operation ran
 * on one.
 */
public interface InstanceObserver {

	/** Observes nothing. */
	InstanceObserver NONE = new InstanceObserver() {
	};

	/** One observer that tells each of {@code observers}, in their order. */
	static InstanceObserver all(List<? extends InstanceObserver> observers) {
		if (observers.isEmpty()) {
			return NONE;
		}
		if (observers.size() == 1) {
			return observers.get(0);
		}
		List<InstanceObserver> copy = List.copyOf(observers);
		return new InstanceObserver() {

			@Override
			public void afterOpen(InstanceKey key, Path file, boolean created) {
				copy.forEach((observer) -> observer.afterOpen(key, file, created));
			}

			@Override
			public void beforeClose(InstanceKey key, Path file) {
				copy.forEach((observer) -> observer.beforeClose(key, file));
			}

			@Override
			public void afterClose(InstanceKey key, Path file) {
				copy.forEach((observer) -> observer.afterClose(key, file));
			}

			@Override
			public void afterExclusive(InstanceKey key) {
				copy.forEach((observer) -> observer.afterExclusive(key));
			}

		};
	}

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
