package dev.durabledb.cluster.nodes;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds one write inside its transaction until a test releases it (over HTTP), so that a
 * test can pause the node while the write is in flight.
 */
public class Hold {

	private final CountDownLatch holding = new CountDownLatch(1);

	private final CountDownLatch released = new CountDownLatch(1);

	void hold() {
		this.holding.countDown();
		try {
			if (!this.released.await(2, TimeUnit.MINUTES)) {
				throw new IllegalStateException("Never released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	boolean holding() {
		return this.holding.getCount() == 0;
	}

	void release() {
		this.released.countDown();
	}

}
