package dev.durabledb.cluster;

import dev.durabledb.instance.InstanceKey;

/**
 * Told what happens to this node's leases: each lease lost, so that the node stops serving
 * the instance, and (for metrics) how acquisitions and renewal rounds ended. Beans of this
 * type are told in their order, on the thread that found out (the renewal thread, or a
 * caller acquiring an instance); a listener that throws is logged and the others are told
 * all the same.
 */
@FunctionalInterface
public interface LeaseListener {

	/**
	 * This node no longer holds the lease on {@code key} that it acquired under
	 * {@code epoch}: its renewal did not come back before the lease's local deadline, or the
	 * database answered that the lease expired or belongs to another node. Writes for the
	 * instance were no longer acknowledged from the deadline on, whenever this is called.
	 * @param key the instance file
	 * @param epoch the epoch this node held it under
	 */
	void leaseLost(InstanceKey key, long epoch);

	/**
	 * An acquisition of {@code key} ended. Only acquisitions that went to the lease table
	 * are told, once however many callers shared them; a lease this node still held validly,
	 * granted again from memory, is not.
	 * @param key the instance file
	 * @param outcome granted, refused, or failed
	 */
	default void acquisitionFinished(InstanceKey key, AcquisitionOutcome outcome) {
	}

	/**
	 * A renewal round ended, on the renewal thread.
	 * @param success whether the lease store answered it (whatever it renewed)
	 */
	default void renewalFinished(boolean success) {
	}

	/** How an acquisition that went to the lease table ended. */
	enum AcquisitionOutcome {

		/** This node holds the lease, under a new epoch. */
		GRANTED,

		/** Another live node holds it. */
		REFUSED,

		/** The lease store did not answer, or answered with an error; nothing was granted. */
		FAILED

	}

}
