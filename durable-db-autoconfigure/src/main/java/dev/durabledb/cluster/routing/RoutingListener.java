package dev.durabledb.cluster.routing;

import java.util.List;

import dev.durabledb.instance.InstanceKey;

/** Told, for metrics, how routing went: takeovers, and actions sent to other nodes. */
public interface RoutingListener {

	/** Tells nothing. */
	RoutingListener NONE = new RoutingListener() {
	};

	/** One listener that tells each of {@code listeners}, in their order. */
	static RoutingListener all(List<? extends RoutingListener> listeners) {
		List<RoutingListener> copy = List.copyOf(listeners);
		return new RoutingListener() {

			@Override
			public void takenOver(InstanceKey key, long nanos) {
				copy.forEach((listener) -> listener.takenOver(key, nanos));
			}

			@Override
			public void remoteCall(InstanceKey key, String outcome, long nanos) {
				copy.forEach((listener) -> listener.remoteCall(key, outcome, nanos));
			}

		};
	}

	/** This node took {@code key} over from the replica store, in {@code nanos}. */
	default void takenOver(InstanceKey key, long nanos) {
	}

	/** An action was sent to another node; {@code outcome} is how the call ended. */
	default void remoteCall(InstanceKey key, String outcome, long nanos) {
	}

}
