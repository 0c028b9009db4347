package dev.durabledb.migration;

import dev.durabledb.DurableDbException;
import dev.durabledb.instance.InstanceKey;

/**
 * Thrown when an instance cannot be brought up to date with its changelog. Its data is as
 * it was before the attempt; the error details are in the instance's migration status.
 */
public class MigrationFailedException extends DurableDbException {

	private final InstanceKey key;

	MigrationFailedException(InstanceKey key, String message, Throwable cause) {
		super(message, cause);
		this.key = key;
	}

	static MigrationFailedException attemptFailed(InstanceKey key, int attempt, int maxAttempts, Throwable cause) {
		return new MigrationFailedException(key, "Instance '" + key + "' could not be migrated (attempt " + attempt
				+ " of " + maxAttempts + "); its data was restored to what it was before", cause);
	}

	static MigrationFailedException exhausted(InstanceKey key, int maxAttempts) {
		return new MigrationFailedException(key, "Instance '" + key + "' failed to migrate " + maxAttempts
				+ " times and is not tried again until a fixed changelog is deployed or an operator retries", null);
	}

	public InstanceKey getKey() {
		return this.key;
	}

}
