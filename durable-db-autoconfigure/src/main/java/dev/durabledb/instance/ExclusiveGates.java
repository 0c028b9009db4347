package dev.durabledb.instance;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances an exclusive operation (delete, restore, an operator's migration) keeps
 * closed right now. One operation per instance at a time; actions that arrive meanwhile
 * wait at the gate.
 */
final class ExclusiveGates {

	private final ConcurrentHashMap<InstanceKey, CompletableFuture<Void>> closed = new ConcurrentHashMap<>();

	/**
	 * Closes the gate of {@code key}, once any other operation on it has ended. The caller
	 * must {@link #open} it again.
	 */
	CompletableFuture<Void> close(InstanceKey key, Deadline deadline) {
		CompletableFuture<Void> gate = new CompletableFuture<>();
		CompletableFuture<Void> other;
		while ((other = this.closed.putIfAbsent(key, gate)) != null) {
			deadline.await(other);
		}
		return gate;
	}

	/** Opens a gate closed by {@link #close}, letting the waiting callers through. */
	void open(InstanceKey key, CompletableFuture<Void> gate) {
		this.closed.remove(key, gate);
		gate.complete(null);
	}

	/** Waits until no exclusive operation keeps {@code key} closed. */
	void awaitOpen(InstanceKey key, Deadline deadline) {
		CompletableFuture<Void> gate = this.closed.get(key);
		if (gate != null) {
			deadline.await(gate);
		}
	}

	boolean isClosed(InstanceKey key) {
		return this.closed.containsKey(key);
	}

}
