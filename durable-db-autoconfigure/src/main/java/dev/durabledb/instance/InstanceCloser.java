package dev.durabledb.instance;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes instances off the actions' threads: a close checkpoints the write-ahead log and
 * syncs the file, which takes milliseconds. Instances are {@link #queue queued} while the
 * cache's lock is held and {@link #closeQueued handed over} after it. The closer's own
 * queue is short; when it is full the thread that hands over closes the instance itself,
 * so files never pile up open.
 */
final class InstanceCloser {

	/** How many instances may wait for the closer at most. */
	static final int BACKLOG = 64;

	private final ConcurrentLinkedQueue<Instance> queued = new ConcurrentLinkedQueue<>();

	private final ThreadPoolExecutor closer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new ArrayBlockingQueue<>(BACKLOG), (runnable) -> {
				Thread thread = new Thread(runnable, "durable-db-closer");
				thread.setDaemon(true);
				return thread;
			}, new ThreadPoolExecutor.CallerRunsPolicy());

	/** Queues an instance to close; safe to call under a lock, it does no I/O. */
	void queue(Instance instance) {
		this.queued.add(instance);
	}

	/** Hands the queued instances to the closer; call it holding no lock. */
	void closeQueued() {
		Instance instance;
		while ((instance = this.queued.poll()) != null) {
			this.closer.execute(instance::close);
		}
	}

	/**
	 * Hands the queued instances over from the closer's own thread, for evictions no
	 * caller follows up: an instance idle past its timeout is evicted by the cache's
	 * scheduler, under the cache's lock, and no action comes along to hand it over.
	 */
	void closeQueuedSoon() {
		this.closer.execute(this::closeQueued);
	}

	/** Closes what is queued, then waits (up to a minute) for every close to finish. */
	void shutdown() {
		closeQueued();
		this.closer.shutdown();
		try {
			if (!this.closer.awaitTermination(1, TimeUnit.MINUTES)) {
				this.closer.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
