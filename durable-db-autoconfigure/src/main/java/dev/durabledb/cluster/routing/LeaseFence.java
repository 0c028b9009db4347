package dev.durabledb.cluster.routing;

import java.util.OptionalLong;

import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.replication.HistoryFence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets this node extend an instance's history in the replica store only under the epoch
 * of a lease it holds validly now; when another writer turns out to hold the history,
 * gives the lease up at once.
 */
final class LeaseFence implements HistoryFence {

	private static final Logger logger = LoggerFactory.getLogger(LeaseFence.class);

	private final LeaseKeeper leases;

	LeaseFence(LeaseKeeper leases) {
		this.leases = leases;
	}

	@Override
	public OptionalLong epoch(InstanceKey key) {
		return this.leases.epoch(key);
	}

	@Override
	public void fenced(InstanceKey key, String why) {
		logger.atWarn()
			.addKeyValue("database", key.database())
			.addKeyValue("instance", key.instance())
			.log("Node {} gives up instance '{}': {}", this.leases.nodeId(), key, why);
		try {
			this.leases.release(key);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release the lease on '{}'; it runs out at its TTL", key, ex);
		}
	}

}
