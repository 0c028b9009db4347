package dev.durabledb.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * liveness does not. An instance that fails is logged and keeps failing on access, with
 * its data as it was, as in lazy mode.
 */
final class EagerMigration implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(EagerMigration.class);

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final InstanceRegistry registry;

	private final SchemaMigrations migrations;

	private final SqliteConnections connections;

	private final int parallelism;

	EagerMigration(DatabaseCatalog catalog, InstanceFiles files, InstanceRegistry registry,
			SchemaMigrations migrations, SqliteConnections connections, int parallelism) {
		this.catalog = catalog;
		this.files = files;
		this.registry = registry;
		this.migrations = migrations;
		this.connections = connections;
		this.parallelism = (parallelism > 0) ? parallelism : Runtime.getRuntime().availableProcessors();
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		migrateAll();
	}

	/**
	 * Migrates every instance that is behind.
	 * @return how many instances failed
	 */
	public int migrateAll() throws InterruptedException {
		int failed = 0;
		for (DatabaseDefinition database : this.catalog.all()) {
			failed += migrate(database);
		}
		return failed;
	}

	private int migrate(DatabaseDefinition database) throws InterruptedException {
		List<InstanceKey> behind = behind(database);
		if (behind.isEmpty()) {
			logger.atInfo()
				.addKeyValue("database", database.name())
				.log("Eager migration of '{}': every instance is up to date", database.name());
			return 0;
		}
		ProgressLog progress = new ProgressLog(logger, "Migrating '" + database.name() + "'", behind.size(),
				Duration.ofSeconds(5));
		AtomicInteger failed = new AtomicInteger();
		ExecutorService workers = Executors.newFixedThreadPool(this.parallelism);
		try {
			for (InstanceKey key : behind) {
				workers.execute(() -> {
					try {
						this.registry.ensureOpen(key);
					}
					catch (RuntimeException ex) {
						failed.incrementAndGet();
						logger.atWarn()
							.addKeyValue("database", key.database())
							.addKeyValue("instance", key.instance())
							.log("Eager migration of instance '{}' failed: {}", key, ex.getMessage());
					}
					progress.stepDone();
				});
			}
		}
		finally {
			workers.shutdown();
			while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
				logger.info("Eager migration of '{}' is still running: {}/{}", database.name(), progress.done(),
						behind.size());
			}
		}
		if (failed.get() > 0) {
			logger.atWarn()
				.addKeyValue("database", database.name())
				.addKeyValue("failed", failed.get())
				.log("Eager migration of '{}': {} of {} instances failed and will report it on access", database.name(),
						failed.get(), behind.size());
		}
		return failed.get();
	}

	private List<InstanceKey> behind(DatabaseDefinition database) {
		String fingerprint = this.migrations.changelog(database.name()).fingerprint();
		List<InstanceKey> behind = new ArrayList<>();
		for (String id : this.files.existing(database)) {
			InstanceKey key = new InstanceKey(database.name(), id);
			Path file = this.files.file(key);
			if (!isCurrent(file, fingerprint)) {
				behind.add(key);
			}
		}
		return behind;
	}

	private boolean isCurrent(Path file, String fingerprint) {
		try (Connection connection = this.connections.openForInspection(file)) {
			return MigrationState.isCurrent(connection, fingerprint);
		}
		catch (java.sql.SQLException ex) {
			return false;
		}
	}

}
