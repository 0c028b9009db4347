package dev.durabledb.replication;

import java.time.Duration;

import dev.durabledb.DurableDbException;
import dev.durabledb.instance.InstanceKey;

/**
 * A write action committed, but its commit could not be put in the store, which the
 * {@code replicated} acknowledgement waits for. The commit stays in the instance and is
 * shipped once the store answers; the caller should treat the write as of unknown
 * outcome (as after a timeout) and may retry an idempotent one.
 */
public class NotReplicatedException extends DurableDbException {

	private final InstanceKey key;

	/**
	 * @param key the instance whose commit is not in the store
	 * @param cause why the store did not take it
	 */
	public NotReplicatedException(InstanceKey key, Throwable cause) {
		super("The commit on '" + key + "' is not in the replica store (" + cause.getMessage()
				+ "); it stays committed locally and is shipped when the store answers", cause);
		this.key = key;
	}

	public InstanceKey getKey() {
		return this.key;
	}

	/** How long a client should wait before trying again. */
	public Duration getRetryAfter() {
		return Duration.ofSeconds(1);
	}

}
