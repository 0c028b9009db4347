package dev.durabledb.actuate;

import dev.durabledb.cluster.LeaseKeeper;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of this node's leases, in cluster mode: DOWN while renewals do not keep them (the
 * last round failed, or none succeeded for longer than the TTL minus the safety margin), as
 * when the lease store is unreachable; the node then stops acting on its leases at their
 * deadlines. It asks nothing of the database: it reports what the renewal rounds found, so
 * that polling health neither loads PostgreSQL nor hangs on it.
 */
class DurableDbClusterHealthIndicator extends AbstractHealthIndicator {

	private final LeaseKeeper keeper;

	DurableDbClusterHealthIndicator(LeaseKeeper keeper) {
		super("durable-db cluster health check failed");
		this.keeper = keeper;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("node", this.keeper.nodeId()).withDetail("leasesHeld", this.keeper.held());
		this.keeper.lastRenewal().ifPresent((at) -> builder.withDetail("lastRenewal", at.toString()));
		if (this.keeper.healthy()) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
