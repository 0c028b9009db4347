package dev.durabledb.cluster.remote;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the action bodies that ran on one node. */
public class Invocations {

	private final AtomicInteger count = new AtomicInteger();

	void increment() {
		this.count.incrementAndGet();
	}

	public int count() {
		return this.count.get();
	}

}
