package dev.durabledb.instance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;

/**
 * Says in the log, once a minute at most and with no stack trace, that the data dir's
 * storage fails (full, or answering I/O errors): then every write fails the same way, and
 * a stack trace per request would fill what space is left with logs. One log per
 * condition.
 */
final class StorageFailureLog {

	private static final Logger logger = LoggerFactory.getLogger(StorageFailureLog.class);

	private static final long LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

	private final Path dataDir;

	private final String condition;

	private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

	private final AtomicLong sinceLogged = new AtomicLong();

	/**
	 * @param condition what the storage does, as the log line says it: {@code is full}
	 */
	StorageFailureLog(Path dataDir, String condition) {
		this.dataDir = dataDir;
		this.condition = condition;
	}

	/** Counts one failure of an action on {@code key}, and logs if it is time to. */
	void failed(InstanceKey key, Throwable failure) {
		long failed = this.sinceLogged.incrementAndGet();
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last >= LOG_EVERY_NANOS && this.lastLogged.compareAndSet(last, now)) {
			this.sinceLogged.set(0);
			logger.atError()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.log("Writes fail: the storage of {} {} ({} bytes usable; {} failed actions since the last such line)."
						+ " They succeed again once the storage does. Last: '{}': {}", this.dataDir, this.condition,
						usable(), failed, key, rootMessage(failure));
		}
	}

	private long usable() {
		try {
			return Files.getFileStore(this.dataDir).getUsableSpace();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static @Nullable String rootMessage(Throwable failure) {
		return NestedExceptionUtils.getMostSpecificCause(failure).getMessage();
	}

}
