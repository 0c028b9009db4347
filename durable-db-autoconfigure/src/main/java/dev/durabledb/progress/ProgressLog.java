package dev.durabledb.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;

/**
 * Logs the progress of long work done in steps, at most every few seconds and once at the
 * end: {@code migrating 'main': 120/1000 (40.0/s, about 22s left)}. Safe to call from
 * several threads.
 */
public final class ProgressLog {

	private final Logger logger;

	private final String work;

	private final int total;

	private final long intervalNanos;

	private final long startNanos = System.nanoTime();

	private final AtomicInteger done = new AtomicInteger();

	private volatile long lastLogNanos = this.startNanos;

	public ProgressLog(Logger logger, String work, int total, Duration interval) {
		this.logger = logger;
		this.work = work;
		this.total = total;
		this.intervalNanos = interval.toNanos();
	}

	/** Counts one more step done, and logs if it is time to. */
	public void stepDone() {
		int now = this.done.incrementAndGet();
		long nanos = System.nanoTime();
		if (now == this.total || nanos - this.lastLogNanos >= this.intervalNanos) {
			this.lastLogNanos = nanos;
			this.logger.atInfo()
				.addKeyValue("done", now)
				.addKeyValue("total", this.total)
				.log(describe(now, nanos));
		}
	}

	public int done() {
		return this.done.get();
	}

	String describe(int done, long nanos) {
		double seconds = Math.max(1e-9, (nanos - this.startNanos) / 1e9);
		double rate = done / seconds;
		String left = (done >= this.total) ? "done in " + format(seconds)
				: "about " + format((this.total - done) / Math.max(rate, 1e-9)) + " left";
		return String.format(Locale.ROOT, "%s: %d/%d (%.1f/s, %s)", this.work, done, this.total, rate, left);
	}

	private static String format(double seconds) {
		if (seconds < 60) {
			return String.format(Locale.ROOT, "%.1fs", seconds);
		}
		long whole = Math.round(seconds);
		return String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60);
	}

}
