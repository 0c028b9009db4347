package dev.durabledb.tenant;

import java.util.function.BooleanSupplier;

import dev.durabledb.instance.InstanceKey;

/**
 * Takes part when {@link TenantDirectory#create} creates a tenant's instance on this node.
 * The cluster mode provides one, so that a node creates an instance only while it owns it,
 * after bringing over what the replica store holds of it.
 */
@FunctionalInterface
public interface InstanceCreationGuard {

	/**
	 * Creates {@code key}'s instance through {@code create}, or declines.
	 * @param create creates the file here; answers whether it did (false: it existed)
	 * @return whether the instance was created
	 */
	boolean create(InstanceKey key, BooleanSupplier create);

}
