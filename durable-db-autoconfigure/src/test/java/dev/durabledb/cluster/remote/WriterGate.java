package dev.durabledb.cluster.remote;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Lets a test hold an instance's writer inside an action until it opens the gate. */
public class WriterGate {

	private final CountDownLatch holding = new CountDownLatch(1);

	private final CountDownLatch open = new CountDownLatch(1);

	/** Called inside the action: says it holds the writer, and waits for the gate to open. */
	void hold() {
		this.holding.countDown();
		try {
			if (!this.open.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The gate was never opened");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Waits until an action holds the writer. */
	void awaitHolding() throws InterruptedException {
		if (!this.holding.await(30, TimeUnit.SECONDS)) {
			throw new AssertionError("No action came to hold the writer");
		}
	}

	void open() {
		this.open.countDown();
	}

}
