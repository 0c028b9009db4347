package dev.durabledb.instance;

import dev.durabledb.DurableDbException;

/** Thrown when an action names a tenant whose instance was never created. */
public class InstanceNotFoundException extends DurableDbException {

	private final InstanceKey key;

	public InstanceNotFoundException(InstanceKey key) {
		super("Tenant '" + key.instance() + "' does not exist");
		this.key = key;
	}

	public InstanceKey getKey() {
		return this.key;
	}

}
