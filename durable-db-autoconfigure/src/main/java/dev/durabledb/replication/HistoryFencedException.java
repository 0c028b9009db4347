package dev.durabledb.replication;

import java.time.Duration;

import dev.durabledb.DurableDbException;
import dev.durabledb.instance.InstanceKey;

/**
 * This node may not extend the instance's history in the store (cluster mode): another
 * node took it over, or this node holds no lease on it. A write action that waited for
 * the {@code replicated} acknowledgement committed here but is not acknowledged: its
 * commit is not, and will not be, in the store's history, and the caller should retry on
 * the instance's owner.
 */
public class HistoryFencedException extends DurableDbException {

	private final InstanceKey key;

	/**
	 * @param key the instance this node may not write
	 * @param why what the store or the fence said
	 */
	public HistoryFencedException(InstanceKey key, String why) {
		super("This node may not extend the history of '" + key + "' in the replica store (" + why + ")");
		this.key = key;
	}

	public InstanceKey getKey() {
		return this.key;
	}

	/** How long a client should wait before trying again (by then the owner is known). */
	public Duration getRetryAfter() {
		return Duration.ofSeconds(1);
	}

}
