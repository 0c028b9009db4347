package dev.durabledb.cluster.remote;

import java.time.Duration;

import dev.durabledb.DurableDbException;
import dev.durabledb.instance.InstanceKey;

/**
 * A node was asked to run an action on an instance whose lease it does not hold, or holds
 * under another epoch than the caller found (the lease moved, ran out or was acquired
 * again since the caller looked it up). Nothing ran; the caller may look up the owner
 * again and retry.
 */
public class NotOwnerException extends DurableDbException {

	private final InstanceKey key;

	private final String node;

	/**
	 * @param key the instance
	 * @param node the id of the node that does not hold its lease
	 */
	public NotOwnerException(InstanceKey key, String node) {
		super("Node '" + node + "' does not hold the lease on '" + key + "' under the epoch the caller found; the "
				+ "action did not run there");
		this.key = key;
		this.node = node;
	}

	/** The instance. */
	public InstanceKey getKey() {
		return this.key;
	}

	/** The id of the node that does not hold its lease. */
	public String getNode() {
		return this.node;
	}

	/** How long a client should wait before it retries. */
	public Duration getRetryAfter() {
		return Duration.ofSeconds(1);
	}

}
