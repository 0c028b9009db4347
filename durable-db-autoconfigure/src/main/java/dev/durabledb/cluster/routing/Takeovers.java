package dev.durabledb.cluster.routing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import dev.durabledb.instance.InstanceKey;

/**
 * Takes each instance over once per epoch this node acquires it under: the first action
 * after an acquisition does it, concurrent ones wait for it, later ones pass at once.
 */
final class Takeovers {

	private final InstanceMovement movement;

	private final RoutingListener listener;

	private final ConcurrentHashMap<InstanceKey, TakenOver> taken = new ConcurrentHashMap<>();

	Takeovers(InstanceMovement movement, RoutingListener listener) {
		this.movement = movement;
		this.listener = listener;
	}

	/**
	 * Returns once {@code key} was taken over under {@code epoch}, doing it if nobody has.
	 * @throws RuntimeException what the takeover threw; the next call tries again
	 */
	void ensure(InstanceKey key, long epoch) {
		while (true) {
			TakenOver current = this.taken.get(key);
			if (current != null && current.epoch() == epoch) {
				join(current.done());
				return;
			}
			TakenOver mine = new TakenOver(epoch, new CompletableFuture<>());
			boolean won = (current != null) ? this.taken.replace(key, current, mine)
					: this.taken.putIfAbsent(key, mine) == null;
			if (won) {
				takeOver(key, mine);
				return;
			}
		}
	}

	/** Forgets {@code key}'s takeover: its lease was lost or released, so the next one takes it over again. */
	void forget(InstanceKey key) {
		this.taken.remove(key);
	}

	private void takeOver(InstanceKey key, TakenOver mine) {
		long start = System.nanoTime();
		try {
			this.movement.takeOver(key);
			mine.done().complete(null);
			this.listener.takenOver(key, System.nanoTime() - start);
		}
		catch (RuntimeException | Error ex) {
			this.taken.remove(key, mine);
			mine.done().completeExceptionally(ex);
			throw ex;
		}
	}

	private static void join(CompletableFuture<Void> done) {
		try {
			done.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private record TakenOver(long epoch, CompletableFuture<Void> done) {
	}

}
