package dev.durabledb.cluster.routing;

import java.util.function.BooleanSupplier;

import dev.durabledb.cluster.Acquisition;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.tenant.InstanceCreationGuard;

/**
 * Creates a tenant's instance on this node only while this node owns it: it acquires the
 * lease and takes the instance over first (so that an instance the replica store holds
 * is brought here and counts as existing). An instance another live node holds exists
 * there, so it is not created. A created instance is put in the replica store at once,
 * so that it exists for every node even if this one dies before its first write.
 */
final class OwnedCreation implements InstanceCreationGuard {

	private final LeaseKeeper leases;

	private final Takeovers takeovers;

	private final Bookmarks bookmarks;

	OwnedCreation(LeaseKeeper leases, Takeovers takeovers, Bookmarks bookmarks) {
		this.leases = leases;
		this.takeovers = takeovers;
		this.bookmarks = bookmarks;
	}

	@Override
	public boolean create(InstanceKey key, BooleanSupplier create) {
		if (!(this.leases.acquire(key) instanceof Acquisition.Granted granted)) {
			return false;
		}
		this.takeovers.ensure(key, granted.epoch());
		if (!create.getAsBoolean()) {
			return false;
		}
		this.bookmarks.current(key);
		return true;
	}

}
