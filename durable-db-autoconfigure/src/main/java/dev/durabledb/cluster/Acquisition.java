package dev.durabledb.cluster;

import dev.durabledb.instance.InstanceKey;

/** The answer to an attempt at a lease: granted with a new epoch, or refused because another node holds it. */
public sealed interface Acquisition permits Acquisition.Granted, Acquisition.Refused {

	/** The instance file the lease is on. */
	InstanceKey key();

	/**
	 * This node holds the lease.
	 *
	 * @param key the instance file
	 * @param epoch the epoch of this acquisition, higher than any before it
	 */
	record Granted(InstanceKey key, long epoch) implements Acquisition {
	}

	/**
	 * Another live node holds the lease.
	 *
	 * @param holder the lease as the database answered it: owner, its URL, epoch, expiry
	 */
	record Refused(Lease holder) implements Acquisition {

		@Override
		public InstanceKey key() {
			return this.holder.key();
		}

	}

}
