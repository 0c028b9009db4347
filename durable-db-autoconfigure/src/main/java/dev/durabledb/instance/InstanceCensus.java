package dev.durabledb.instance;

/**
 * Counts open instances and those in use, and remembers the most instances that were
 * ever open while idle: the number {@code max-open} bounds.
 */
final class InstanceCensus {

	private int open;

	private int inUse;

	private int peakIdle;

	private long opens;

	synchronized void opened() {
		this.open++;
		this.opens++;
		notePeak();
	}

	synchronized long opens() {
		return this.opens;
	}

	synchronized void closed() {
		this.open--;
	}

	synchronized void busy() {
		this.inUse++;
	}

	synchronized void idle() {
		this.inUse--;
		notePeak();
	}

	synchronized int open() {
		return this.open;
	}

	synchronized int inUse() {
		return this.inUse;
	}

	synchronized int peakIdle() {
		return this.peakIdle;
	}

	private void notePeak() {
		this.peakIdle = Math.max(this.peakIdle, this.open - this.inUse);
	}

}
