package dev.durabledb.instance;

import java.time.Duration;

import dev.durabledb.DurableDbException;

/**
 * Thrown when an action waited as long as it may for its instance: another writer held
 * it, or it was being opened, restored or deleted. Retrying later is safe: nothing was
 * written.
 */
public class InstanceBusyException extends DurableDbException {

	private final InstanceKey key;

	private final Duration waited;

	private final Duration retryAfter;

	public InstanceBusyException(InstanceKey key, Duration waited) {
		super("Instance '" + key + "' is busy; gave up after waiting " + waited.toMillis() + " ms");
		this.key = key;
		this.waited = waited;
		this.retryAfter = Duration.ofSeconds(1);
	}

	/** The instance that was busy. */
	public InstanceKey getKey() {
		return this.key;
	}

	/** How long the action waited before it gave up. */
	public Duration getWaited() {
		return this.waited;
	}

	/** How long a client should wait before it retries. */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}
