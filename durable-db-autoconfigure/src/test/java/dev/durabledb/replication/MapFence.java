package dev.durabledb.replication;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.durabledb.instance.InstanceKey;

/**
 * A history fence the test holds the leases of: a map of instance to epoch. Fenced off,
 * it drops the instance's lease, as a cluster node does, and remembers why.
 */
final class MapFence implements HistoryFence {

	private final Map<InstanceKey, Long> epochs = new ConcurrentHashMap<>();

	final List<InstanceKey> fencedOff = new CopyOnWriteArrayList<>();

	final List<String> reasons = new CopyOnWriteArrayList<>();

	void grant(InstanceKey key, long epoch) {
		this.epochs.put(key, epoch);
	}

	void revoke(InstanceKey key) {
		this.epochs.remove(key);
	}

	@Override
	public OptionalLong epoch(InstanceKey key) {
		Long epoch = this.epochs.get(key);
		return (epoch != null) ? OptionalLong.of(epoch) : OptionalLong.empty();
	}

	@Override
	public void fenced(InstanceKey key, String why) {
		this.fencedOff.add(key);
		this.reasons.add(why);
		this.epochs.remove(key);
	}

}
