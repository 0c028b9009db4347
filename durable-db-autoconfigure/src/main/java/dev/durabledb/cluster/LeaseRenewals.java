package dev.durabledb.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * While the application runs: creates the lease table as it starts, runs the renewal
 * rounds of all leases on one thread, and releases every lease as it stops.
 * <p>
 * Its phase puts it before the web server as the application starts and after it as the
 * application stops (lower phases start first and stop last), so that the table exists
 * before the first request and the leases are released only once requests have drained.
 * It starts after every singleton was created, so after Flyway or Liquibase migrated the
 * same database: Flyway refuses to migrate a schema that is not empty and has no history
 * table of its own, and the lease table must not be the one it finds there.
 */
final class LeaseRenewals implements SmartLifecycle {

	/** Below the web server's start-stop phase ({@code DEFAULT_PHASE - 2048}). */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger logger = LoggerFactory.getLogger(LeaseRenewals.class);

	private final LeaseTable table;

	private final LeaseKeeper keeper;

	private final Duration interval;

	private @Nullable ScheduledExecutorService rounds;

	LeaseRenewals(LeaseTable table, LeaseKeeper keeper, Duration interval) {
		this.table = table;
		this.keeper = keeper;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		this.table.create();
		ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "durable-db-lease-renewal");
			thread.setDaemon(true);
			return thread;
		});
		long nanos = this.interval.toNanos();
		rounds.scheduleWithFixedDelay(this::round, nanos, nanos, TimeUnit.NANOSECONDS);
		this.rounds = rounds;
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

	@Override
	public synchronized void stop() {
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
		return this.rounds != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
