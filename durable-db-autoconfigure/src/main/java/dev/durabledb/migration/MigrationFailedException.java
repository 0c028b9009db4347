package dev.durabledb.migration;

import java.time.Duration;

import dev.durabledb.DurableDbException;
import dev.durabledb.instance.InstanceKey;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when an instance cannot be brought up to date with its changelog. Its data is as
 * it was before the attempt; the error details are in the instance's migration status.
 */
public class MigrationFailedException extends DurableDbException {

	private final InstanceKey key;

	private final @Nullable Duration retryAfter;

	/**
	 * @param key the instance that failed to migrate
	 * @param message what happened, safe to show to a client
	 * @param cause why, if known
	 * @param retryAfter how long until the next attempt is due, if one is
	 */
	public MigrationFailedException(InstanceKey key, String message, @Nullable Throwable cause,
			@Nullable Duration retryAfter) {
		super(message, cause);
		this.key = key;
		this.retryAfter = retryAfter;
	}

	static MigrationFailedException attemptFailed(InstanceKey key, int attempt, int maxAttempts, Throwable cause) {
		return new MigrationFailedException(key, "Instance '" + key + "' could not be migrated (attempt " + attempt
				+ " of " + maxAttempts + "); its data was restored to what it was before", cause, null);
	}

	static MigrationFailedException exhausted(InstanceKey key, int maxAttempts) {
		return new MigrationFailedException(key, "Instance '" + key + "' failed to migrate " + maxAttempts
				+ " times and is not tried again until a fixed changelog is deployed or an operator retries", null, null);
	}

	static MigrationFailedException waiting(InstanceKey key, int failed, int maxAttempts, Duration wait) {
		return new MigrationFailedException(key, "Instance '" + key + "' failed to migrate (" + failed + " of "
				+ maxAttempts + " attempts); the next attempt is due in " + Math.max(1, wait.toSeconds()) + " s", null,
				wait);
	}

	public InstanceKey getKey() {
		return this.key;
	}

	/** How long until the next attempt is due; null when none is (or one was just made). */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
