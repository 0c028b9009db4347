package dev.durabledb.cluster.routing;

import dev.durabledb.instance.InstanceKey;

/** What routing needs of replication to move an instance between nodes. */
interface InstanceMovement {

	/**
	 * Brings the instance here as the replica store has it, and fences its history there
	 * so that its previous owner can no longer extend it. Called once per acquisition,
	 * before the instance serves under it.
	 */
	void takeOver(InstanceKey key);

}
