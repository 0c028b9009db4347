package dev.durabledb.cluster;

import java.time.Duration;

import dev.durabledb.DurableDbException;
import dev.durabledb.instance.InstanceKey;
import org.jspecify.annotations.Nullable;

/**
 * Code run through the {@link dev.durabledb.action.ActionRunner} directly (not an action
 * bean's method, which would be sent there) needs an instance another node holds. Nothing
 * ran.
 */
public class OwnedElsewhereException extends DurableDbException {

	private final InstanceKey key;

	private final @Nullable String owner;

	public OwnedElsewhereException(InstanceKey key, @Nullable String owner) {
		super("Instance '" + key + "' is served by node '" + owner + "'; only @DurableAction methods of beans are sent"
				+ " to another node, code run through the ActionRunner directly runs only on the owner");
		this.key = key;
		this.owner = owner;
	}

	/** The instance. */
	public InstanceKey getKey() {
		return this.key;
	}

	/** The id of the node that serves it. */
	public @Nullable String getOwner() {
		return this.owner;
	}

	/** How long a client should wait before it retries. */
	public Duration getRetryAfter() {
		return Duration.ofSeconds(1);
	}

}
