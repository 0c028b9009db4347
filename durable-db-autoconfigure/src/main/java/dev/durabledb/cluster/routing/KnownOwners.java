package dev.durabledb.cluster.routing;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.durabledb.cluster.Lease;
import dev.durabledb.instance.InstanceKey;
import org.jspecify.annotations.Nullable;

/**
 * The other nodes found holding instances, remembered for a short while, so that a stream
 * of calls for a tenant another node serves costs no statement each. A node remembered
 * wrongly (it let the instance go, or died) answers that it does not hold it, or does not
 * answer; either way it is forgotten and the lease table asked again.
 */
final class KnownOwners {

	private final Cache<InstanceKey, Lease> owners;

	KnownOwners(Duration remembered) {
		this.owners = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(remembered).build();
	}

	@Nullable Lease get(InstanceKey key) {
		return this.owners.getIfPresent(key);
	}

	void remember(Lease holder) {
		this.owners.put(holder.key(), holder);
	}

	void forget(InstanceKey key) {
		this.owners.invalidate(key);
	}

}
