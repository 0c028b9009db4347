package dev.durabledb.instance;

import java.time.Duration;

import dev.durabledb.DurableDbException;

/**
 * Thrown when an action could not write because the file system of the data dir is full
 * (or SQLite reached its page limit). The action was rolled back, nothing acknowledged is
 * lost, and writes succeed again as soon as there is space: retrying later is safe.
 */
public class StorageFullException extends DurableDbException {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	public StorageFullException(InstanceKey key, Throwable cause) {
		super("Instance '" + key + "' could not be written: its storage is full", cause);
	}

	/** How long a client should wait before it retries. */
	public Duration getRetryAfter() {
		return RETRY_AFTER;
	}

}
