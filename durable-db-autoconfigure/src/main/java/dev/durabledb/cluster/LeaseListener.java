package dev.durabledb.cluster;

import dev.durabledb.instance.InstanceKey;

/**
 * Told when this node lost a lease it held, so that it stops serving the instance. Beans of
 * this type are told in their order, on the thread that found the loss (the renewal thread,
 * or a caller acquiring the same instance); a listener that throws is logged and the others
 * are told all the same.
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

}
