package dev.durabledb.cluster.routing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Lets a test hold an action inside its transaction until it opens the gate. */
public class Gate {

	private final CountDownLatch holding = new CountDownLatch(1);

	private final CountDownLatch open = new CountDownLatch(1);

	void hold() {
		this.holding.countDown();
		try {
			if (!this.open.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The gate was never opened");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	void awaitHolding() throws InterruptedException {
		if (!this.holding.await(60, TimeUnit.SECONDS)) {
			throw new AssertionError("No action came to the gate");
		}
	}

	void open() {
		this.open.countDown();
	}

}
