package dev.durabledb.migration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.database.UnknownDatabaseException;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.progress.ProgressLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Tells, before anything migrates, which instances of a database the deployed changelog
 * would migrate and which it would fail on: it applies the changelog to a copy of each
 * instance (or of a sample), by the path a real migration would take (replay or
 * Liquibase), and deletes the copy. Live files are only read; nothing is counted or
 * recorded in them, and no metric or listener hears of it.
 * <p>
 * Instances are checked several at a time ({@code durable-db.migration.parallelism}),
 * each copy in the database's staging folder and deleted as soon as it is done with, so
 * a run needs free space for that many copies; progress goes to the log. Replays run in
 * parallel, Liquibase runs one at a time in the JVM.
 * <p>
 * Made for a deploy: start the new version with lazy migration (the default) on a data
 * dir (a copy of production, loaded from an archive, or production itself) and validate
 * before anything opens the instances.
 */
public final class MigrationDryRun {

	private static final Logger logger = LoggerFactory.getLogger(MigrationDryRun.class);

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final SchemaMigrations migrations;

	private final DryRunCopy copies;

	private final int parallelism;

	MigrationDryRun(DatabaseCatalog catalog, InstanceFiles files, SchemaMigrations migrations, DryRunCopy copies,
			int parallelism) {
		this.catalog = catalog;
		this.files = files;
		this.migrations = migrations;
		this.copies = copies;
		this.parallelism = parallelism;
	}

	/**
	 * Applies the deployed changelog of {@code database} to a copy of every instance.
	 * @throws UnknownDatabaseException if there is no such database
	 * @throws InterruptedException if interrupted while waiting for the workers (the
	 * copies under way are deleted as they finish)
	 */
	public MigrationDryRunReport validate(String database) throws InterruptedException {
		DatabaseDefinition definition = this.catalog.get(database);
		List<String> instances = this.files.existing(definition);
		return run(definition, instances, instances.size());
	}

	/**
	 * {@link #validate(String)} on {@code sample} instances chosen at random (every
	 * instance when the database has no more).
	 * @throws IllegalArgumentException if {@code sample} is less than 1
	 */
	public MigrationDryRunReport validate(String database, int sample) throws InterruptedException {
		if (sample < 1) {
			throw new IllegalArgumentException("A sample holds 1 instance or more, not " + sample);
		}
		DatabaseDefinition definition = this.catalog.get(database);
		List<String> instances = new ArrayList<>(this.files.existing(definition));
		int all = instances.size();
		if (sample < all) {
			Collections.shuffle(instances, ThreadLocalRandom.current());
			instances = instances.subList(0, sample);
		}
		return run(definition, instances, all);
	}

	private MigrationDryRunReport run(DatabaseDefinition database, List<String> instances, int all)
			throws InterruptedException {
		long start = System.nanoTime();
		Changelog changelog = this.migrations.changelog(database.name());
		int workers = Math.max(1, Math.min(this.parallelism, instances.size()));
		logger.atInfo()
			.addKeyValue("database", database.name())
			.addKeyValue("fingerprint", changelog.shortFingerprint())
			.log("Migration dry-run of '{}': applying changelog fingerprint {} to copies of {} of its {} instances, {}"
					+ " at a time", database.name(), changelog.shortFingerprint(), instances.size(), all, workers);
		ProgressLog progress = new ProgressLog(logger, "Migration dry-run of '" + database.name() + "'",
				instances.size(), Duration.ofSeconds(5));
		Queue<InstanceDryRun> results = new ConcurrentLinkedQueue<>();
		ExecutorService pool = Executors.newFixedThreadPool(workers, new CustomizableThreadFactory("durable-db-dry-run-"));
		try {
			for (String id : instances) {
				pool.execute(() -> {
					InstanceDryRun result = this.copies.run(new InstanceKey(database.name(), id), changelog);
					if (result != null) {
						results.add(result);
						logIfFailed(database.name(), result);
					}
					progress.stepDone();
				});
			}
			pool.shutdown();
			while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
				logger.info("Migration dry-run of '{}' is still running: {}/{}", database.name(), progress.done(),
						instances.size());
			}
		}
		finally {
			pool.shutdownNow();
		}
		MigrationDryRunReport report = MigrationDryRunReport.of(database.name(), changelog.fingerprint(), all,
				new ArrayList<>(results), Duration.ofNanos(System.nanoTime() - start));
		logger.atInfo()
			.addKeyValue("database", database.name())
			.addKeyValue("failed", report.failed())
			.log("Migration dry-run of '{}' done: of {} instances checked, {} would migrate, {} would fail, {} are"
					+ " up to date, {} could not be checked; no instance was changed", database.name(), report.total(),
					report.succeeded(), report.failed(), report.upToDate(), report.notChecked());
		return report;
	}

	private static void logIfFailed(String database, InstanceDryRun result) {
		if (result.outcome() == DryRunOutcome.WOULD_FAIL || result.outcome() == DryRunOutcome.NOT_CHECKED) {
			logger.atWarn()
				.addKeyValue("database", database)
				.addKeyValue("instance", result.instance())
				.log("Migration dry-run of '{}/{}': {}{}{}: {}", database, result.instance(), result.outcome().label(),
						(result.path() != null) ? " by " + result.path().label() : "",
						(result.changeSet() != null) ? " at changeset " + result.changeSet() : "", result.error());
		}
	}

}
