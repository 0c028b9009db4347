package dev.durabledb.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * While the application runs: creates the lease table as it starts, runs the renewal
 * rounds of all leases on one thread, and releases every lease as it is destroyed.
 * <p>
 * Its phase puts it before the web server as the application starts, so that the table
 * exists before the first request. The rounds go on through the lifecycle's stop and end
 * only when the bean is destroyed: open instances close (and ship their last commits to
 * the replica store) as their registry is destroyed, which needs their leases still
 * valid; the routing auto-configuration makes the registry's destruction come first.
 * It starts after every singleton was created, so after Flyway or Liquibase migrated the
 * same database: Flyway refuses to migrate a schema that is not empty and has no history
 * table of its own, and the lease table must not be the one it finds there.
 */
final class LeaseRenewals implements SmartLifecycle, DisposableBean {

	/** Below the web server's start-stop phase ({@code DEFAULT_PHASE - 2048}). */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger logger = LoggerFactory.getLogger(LeaseRenewals.class);

	private final LeaseTable table;

	private final LeaseKeeper keeper;

	private final Duration interval;

	private @Nullable ScheduledExecutorService rounds;

	private boolean stopped;

	LeaseRenewals(LeaseTable table, LeaseKeeper keeper, Duration interval) {
		this.table = table;
		this.keeper = keeper;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (this.rounds != null) {
			this.stopped = false;
			return;
		}
		this.table.create();
		ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "durable-db-lease-renewal");
			thread.setDaemon(true);
			return thread;
		});
		long nanos = this.interval.toNanos();
		rounds.scheduleWithFixedDelay(this::round, nanos, nanos, TimeUnit.NANOSECONDS);
		this.rounds = rounds;
		this.stopped = false;
		logger.info("Node {} keeps its leases in table '{}', renewed every {}", this.keeper.nodeId(),
				this.table.name(), this.interval);
	}

	private void round() {
		try {
			this.keeper.renew();
		}
		catch (RuntimeException ex) {
			// A task that throws is never run again: log it and keep the rounds going.
			logger.error("Lease renewal round failed", ex);
		}
	}

	/** Leaves the rounds running: see the class comment. */
	@Override
	public synchronized void stop() {
		this.stopped = true;
	}

	@Override
	public synchronized void destroy() {
		ScheduledExecutorService rounds = this.rounds;
		if (rounds == null) {
			return;
		}
		rounds.shutdown();
		try {
			if (!rounds.awaitTermination(10, TimeUnit.SECONDS)) {
				rounds.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.rounds = null;
		this.keeper.releaseAll();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.rounds != null && !this.stopped;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
