package dev.durabledb.cluster.routing;

import java.nio.file.Path;

import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceObserver;

/**
 * Releases the lease of an instance once it closed (idle long enough, or evicted): its
 * last commits were shipped as it closed, so the next node that needs it takes it over
 * from the replica store, and tenants move to where they are used.
 */
final class IdleRelease implements InstanceObserver {

	private final LeaseKeeper leases;

	private final Takeovers takeovers;

	IdleRelease(LeaseKeeper leases, Takeovers takeovers) {
		this.leases = leases;
		this.takeovers = takeovers;
	}

	@Override
	public void afterClose(InstanceKey key, Path file) {
		this.takeovers.forget(key);
		this.leases.release(key);
	}

}
