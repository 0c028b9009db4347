package dev.durabledb.cluster;

import java.util.Optional;

import dev.durabledb.instance.InstanceKey;

/**
 * Reads the lease table for operators (the actuator's cluster view) without changing it:
 * who holds which instance, under which epoch, until when. Each read asks the database;
 * what it answers was judged by the database's clock.
 */
public final class LeaseInspector {

	/** How many nodes an overview lists at most. */
	public static final int MAX_NODES = 100;

	private final LeaseTable table;

	LeaseInspector(LeaseTable table) {
		this.table = table;
	}

	/**
	 * The table at one moment: totals, the nodes it names, and the rows of page
	 * {@code page} (counted from 0) of {@code size} rows, in database and instance order.
	 * @throws IllegalArgumentException when {@code page} is negative or {@code size} is
	 * not positive
	 * @throws LeaseStoreException when the lease store fails
	 */
	public LeaseOverview overview(int page, int size) {
		if (page < 0 || size < 1) {
			throw new IllegalArgumentException(
					"page must be 0 or more and size 1 or more, not " + page + " and " + size);
		}
		return this.table.overview((long) page * size, size, MAX_NODES);
	}

	/**
	 * The lease on {@code key}, live or not; empty when no node ever acquired it.
	 * @throws LeaseStoreException when the lease store fails
	 */
	public Optional<Lease> lease(InstanceKey key) {
		return this.table.find(key);
	}

}
