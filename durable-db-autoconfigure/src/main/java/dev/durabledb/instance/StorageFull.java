package dev.durabledb.instance;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises a full file system in what an action threw (SQLite's {@code SQLITE_FULL}, an
 * {@code ENOSPC} from Java's file I/O) and says so in the log once a minute at most, with
 * no stack trace: when the disk is full every write fails the same way, and a stack trace
 * per request would fill what little space is left with logs.
 */
final class StorageFull {

	private static final Logger logger = LoggerFactory.getLogger(StorageFull.class);

	private static final long LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

	private final Path dataDir;

	private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

	private final AtomicLong sinceLogged = new AtomicLong();

	StorageFull(Path dataDir) {
		this.dataDir = dataDir;
	}

	/** The failure of an action on {@code key}, as a client should see it; logged, rate-limited. */
	StorageFullException report(InstanceKey key, Throwable failure) {
		long failed = this.sinceLogged.incrementAndGet();
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last >= LOG_EVERY_NANOS && this.lastLogged.compareAndSet(last, now)) {
			this.sinceLogged.set(0);
			logger.atError()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.log("Writes fail: the storage of {} is full ({} bytes usable; {} failed writes since the last such"
						+ " line). They succeed again once there is space. Last: '{}': {}", this.dataDir, usable(),
						failed, key, rootMessage(failure));
		}
		return new StorageFullException(key, failure);
	}

	private long usable() {
		try {
			return java.nio.file.Files.getFileStore(this.dataDir).getUsableSpace();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
