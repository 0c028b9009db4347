package dev.durabledb.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.progress.ProgressLog;
import dev.durabledb.sqlite.SqliteConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Migrates every existing instance that is behind its changelog at startup
 * ({@code durable-db.migration.mode=eager}), several at a time, logging progress.
 * <p>
 * It runs as an {@link ApplicationRunner}: Spring Boot reports the application ready to
 * take traffic only once the runners are done, so readiness waits for the migration while
 * liveness does not. An instance that fails keeps its data as it was; by default
 * ({@code durable-db.migration.fail-on-error}) startup then fails, naming the instances,
 * so that a deploy whose changelog breaks tenants does not go live; otherwise they report
 * the error on access, as in lazy mode.
 */
final class EagerMigration implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(EagerMigration.class);

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final InstanceRegistry registry;

	private final SchemaMigrations migrations;

	private final SqliteConnections connections;

	private final int parallelism;

	private final boolean failOnError;

	EagerMigration(DatabaseCatalog catalog, InstanceFiles files, InstanceRegistry registry,
			SchemaMigrations migrations, SqliteConnections connections, int parallelism, boolean failOnError) {
		this.catalog = catalog;
		this.files = files;
		this.registry = registry;
		this.migrations = migrations;
		this.connections = connections;
		this.parallelism = parallelism;
		this.failOnError = failOnError;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		List<String> failures = new ArrayList<>();
		for (DatabaseDefinition database : this.catalog.all()) {
			failures.addAll(migrate(database));
		}
		if (!failures.isEmpty() && this.failOnError) {
			throw new DurableDbConfigurationException("Eager migration: " + failures.size() + " instance"
					+ ((failures.size() == 1) ? "" : "s") + " failed to migrate; their data is as it was. First: "
					+ failures.get(0),
					"Fix the changelog and deploy again, or set durable-db.migration.fail-on-error=false to start"
							+ " anyway, with those instances reporting the error on access");
		}
	}

	/**
	 * Migrates every instance that is behind, whatever {@code fail-on-error} says.
	 * @return how many instances failed
	 */
	public int migrateAll() throws InterruptedException {
		int failed = 0;
		for (DatabaseDefinition database : this.catalog.all()) {
			failed += migrate(database).size();
		}
		return failed;
	}

	/**
	 * Migrates the instances of {@code database} that are behind, each on a worker, with
	 * the file held {@link InstanceRegistry#exclusive exclusively} and closed again: the
	 * workers replay, commit and close in parallel, and the cache is left to the traffic.
	 * @return what failed, one line each
	 */
	private List<String> migrate(DatabaseDefinition database) throws InterruptedException {
		List<String> instances = this.files.existing(database);
		ProgressLog progress = new ProgressLog(logger, "Migrating '" + database.name() + "'", instances.size(),
				Duration.ofSeconds(5));
		Queue<String> failures = new ConcurrentLinkedQueue<>();
		AtomicInteger migrated = new AtomicInteger();
		ExecutorService workers = Executors.newFixedThreadPool(this.parallelism);
		try {
			for (String id : instances) {
				InstanceKey key = new InstanceKey(database.name(), id);
				workers.execute(() -> {
					try {
						Path file = this.files.file(key);
						if (this.registry.exclusive(key, () -> this.migrations.migrateIfBehind(key, file, false))) {
							migrated.incrementAndGet();
						}
					}
					catch (Exception ex) {
						// The migration logged the attempt itself; this is for the summary.
						failures.add(describe(ex));
					}
					progress.stepDone();
				});
			}
		}
		finally {
			workers.shutdown();
			while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
				logger.info("Eager migration of '{}' is still running: {}/{}", database.name(), progress.done(),
						instances.size());
			}
		}
		logger.atInfo()
			.addKeyValue("database", database.name())
			.log("Eager migration of '{}': {} of {} instances migrated, {} failed, the others were up to date",
					database.name(), migrated.get(), instances.size(), failures.size());
		if (!failures.isEmpty()) {
			logger.atWarn()
				.addKeyValue("database", database.name())
				.addKeyValue("failed", failures.size())
				.log("Eager migration of '{}': {} of {} instances failed; their data is as it was", database.name(),
						failures.size(), instances.size());
		}
		return List.copyOf(failures);
	}

	private static String describe(Exception failure) {
		Throwable cause = failure.getCause();
		return failure.getMessage() + ((cause != null) ? " (" + cause.getMessage() + ")" : "");
	}

}
