package dev.durabledb.cluster;

import java.time.Duration;

import dev.durabledb.DurableDbException;
import dev.durabledb.instance.InstanceKey;

/**
 * A write committed on this node, but its lease on the instance may have run out by the
 * time the write ended (a lease store that did not answer, a node paused too long), so
 * the write is not acknowledged: another node may serve the instance now, and the write
 * may not be part of its history. Retrying reaches whichever node owns it then.
 */
public class LeaseLostException extends DurableDbException {

	private final InstanceKey key;

	public LeaseLostException(InstanceKey key) {
		super("This node's lease on '" + key + "' lapsed before the write could be acknowledged");
		this.key = key;
	}

	/** The instance. */
	public InstanceKey getKey() {
		return this.key;
	}

	/** How long a client should wait before it retries. */
	public Duration getRetryAfter() {
		return Duration.ofSeconds(1);
	}

}
