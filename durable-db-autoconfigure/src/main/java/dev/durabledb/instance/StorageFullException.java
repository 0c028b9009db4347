package dev.durabledb.instance;

import java.io.IOException;
import java.time.Duration;

import dev.durabledb.DurableDbException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Thrown when an action could not write because the file system of the data dir is full
 * (or SQLite reached its page limit). The action was rolled back, nothing acknowledged is
 * lost, and writes succeed again as soon as there is space: retrying later is safe.
 */
public class StorageFullException extends DurableDbException {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	private final InstanceKey key;

	public StorageFullException(InstanceKey key, Throwable cause) {
		super("Instance '" + key + "' could not be written: its storage is full", cause);
		this.key = key;
	}

	/** The instance whose storage is full. */
	public InstanceKey getKey() {
		return this.key;
	}

	/** Whether {@code failure} or one of its causes says the storage is full. */
	public static boolean isStorageFull(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLiteException sqlite
					&& (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_FULL
							|| (sqlite.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_FULL.code)) {
				return true;
			}
			if (cause instanceof IOException && cause.getMessage() != null
					&& cause.getMessage().contains("No space left on device")) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/** How long a client should wait before it retries. */
	public Duration getRetryAfter() {
		return RETRY_AFTER;
	}

}
