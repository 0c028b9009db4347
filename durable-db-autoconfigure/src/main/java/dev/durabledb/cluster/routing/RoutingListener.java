package dev.durabledb.cluster.routing;

import dev.durabledb.instance.InstanceKey;

/** Told, for metrics, how routing went: takeovers, and actions sent to other nodes. */
public interface RoutingListener {

	/** Tells nothing. */
	RoutingListener NONE = new RoutingListener() {
	};

	/** This node took {@code key} over from the replica store, in {@code nanos}. */
	default void takenOver(InstanceKey key, long nanos) {
	}

	/** An action was sent to another node; {@code outcome} is how the call ended. */
	default void remoteCall(InstanceKey key, String outcome, long nanos) {
	}

}
