package dev.durabledb.backup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.progress.ProgressLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Backs up many instances at once: on the schedule (only those that changed since their
 * last backup) or on request (every instance of a database). Work runs on a few threads;
 * each backup is retried with exponential backoff by Spring's {@link RetryTemplate};
 * progress goes to the log.
 * <p>
 * Whether an instance changed is decided by {@link BackupMaker#changedSinceLastBackup}.
 */
public final class BackupSweep {

	private static final Logger logger = LoggerFactory.getLogger(BackupSweep.class);

	private static final int MAX_FAILURES_LISTED = 10;

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final BackupMaker backups;

	private final RetryTemplate retry;

	private final int parallelism;

	private final Clock clock;

	private volatile BackupSweepResult lastScheduledRun;

	BackupSweep(DatabaseCatalog catalog, InstanceFiles files, BackupMaker backups, RetryPolicy retryPolicy,
			int parallelism, Clock clock) {
		this.catalog = catalog;
		this.files = files;
		this.backups = backups;
		this.retry = new RetryTemplate(retryPolicy);
		this.parallelism = Math.max(1, parallelism);
		this.clock = clock;
	}

	/** The scheduled run: every instance of every database that changed since its last backup. */
	public BackupSweepResult runScheduled() throws InterruptedException {
		List<InstanceKey> keys = new ArrayList<>();
		this.catalog.all().forEach((database) -> keys.addAll(instances(database)));
		BackupSweepResult run = run(keys, true, BackupReason.SCHEDULED, "Scheduled backup");
		this.lastScheduledRun = run;
		return run;
	}

	/** Backs up every instance of {@code database} now, changed or not. */
	BackupSweepResult backUpDatabase(DatabaseDefinition database) throws InterruptedException {
		return run(instances(database), false, BackupReason.MANUAL, "Backup of '" + database.name() + "'");
	}

	/** The last scheduled run, or {@code null} before the first one. */
	public BackupSweepResult lastScheduledRun() {
		return this.lastScheduledRun;
	}

	/** Backs one instance up, with retries. */
	BackupManifest backUp(InstanceKey key, BackupReason reason) {
		try {
			return this.retry.execute(() -> this.backups.backup(key, reason));
		}
		catch (RetryException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new BackupException("Could not back up '" + key + "'", cause);
		}
	}

	private BackupSweepResult run(List<InstanceKey> keys, boolean onlyChanged, BackupReason reason, String work)
			throws InterruptedException {
		Instant startedAt = this.clock.instant();
		long start = System.nanoTime();
		List<InstanceKey> due = onlyChanged ? keys.stream().filter(this::changedSinceLastBackup).toList() : keys;
		int skipped = keys.size() - due.size();
		AtomicInteger failed = new AtomicInteger();
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		List<String> ids = Collections.synchronizedList(new ArrayList<>());
		ProgressLog progress = new ProgressLog(logger, work, due.size(), Duration.ofSeconds(10));
		ExecutorService workers = Executors.newFixedThreadPool(this.parallelism);
		try {
			for (InstanceKey key : due) {
				workers.execute(() -> {
					try {
						ids.add(backUp(key, reason).id());
					}
					catch (InstanceNotFoundException ex) {
						// Deleted since it was listed: nothing to back up.
					}
					catch (RuntimeException ex) {
						failed.incrementAndGet();
						if (failures.size() < MAX_FAILURES_LISTED) {
							failures.add(key + ": " + ex.getMessage());
						}
						logger.atWarn()
							.addKeyValue("database", key.database())
							.addKeyValue("instance", key.instance())
							.setCause(ex)
							.log("Backup of '{}' failed after retries", key);
					}
					progress.stepDone();
				});
			}
		}
		finally {
			workers.shutdown();
			while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
				logger.info("{} is still running: {}/{}", work, progress.done(), due.size());
			}
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		BackupSweepResult run = new BackupSweepResult(startedAt, duration, ids.size(), skipped, failed.get(), List.copyOf(failures),
				List.copyOf(ids));
		logger.atInfo()
			.addKeyValue("backedUp", run.backedUp())
			.addKeyValue("unchanged", run.skipped())
			.addKeyValue("failed", run.failed())
			.log("{}: {} backed up, {} unchanged, {} failed, in {} ms", work, run.backedUp(), run.skipped(),
					run.failed(), duration.toMillis());
		return run;
	}

	private List<InstanceKey> instances(DatabaseDefinition database) {
		return this.files.existing(database).stream().map((id) -> new InstanceKey(database.name(), id)).toList();
	}

	private boolean changedSinceLastBackup(InstanceKey key) {
		return this.backups.changedSinceLastBackup(key);
	}


}
