package dev.durabledb.instance;

import java.time.Duration;

import dev.durabledb.DurableDbException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Thrown when an action could not run because the data dir's storage answered an I/O
 * error (a failing disk, a file it can no longer open). The action was rolled back;
 * retrying later is safe.
 */
public class StorageUnavailableException extends DurableDbException {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	private final InstanceKey key;

	public StorageUnavailableException(InstanceKey key, Throwable cause) {
		super("Instance '" + key + "' could not be used: its storage answers I/O errors", cause);
		this.key = key;
	}

	/** The instance whose storage is failing. */
	public InstanceKey getKey() {
		return this.key;
	}

	/**
	 * Whether {@code failure} or one of its causes is SQLite reporting an I/O error or a
	 * file it cannot open. ({@code SQLITE_READONLY} is not: a read-only action that writes
	 * gets it too.)
	 */
	public static boolean isStorageError(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof SQLiteException sqlite) {
				int primary = sqlite.getErrorCode() & 0xff;
				if (primary == SQLiteErrorCode.SQLITE_IOERR.code || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
					return true;
				}
			}
		}
		return false;
	}

	/** How long a client should wait before it retries. */
	public Duration getRetryAfter() {
		return RETRY_AFTER;
	}

}
