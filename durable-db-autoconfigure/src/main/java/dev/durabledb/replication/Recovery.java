package dev.durabledb.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.durabledb.DurableDbException;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.InstanceFileName;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.io.AtomicFiles;
import dev.durabledb.progress.ProgressLog;
import dev.durabledb.sqlite.SqliteConnections;
import dev.durabledb.store.ObjectStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disaster recovery: rebuilds the instances of a database from the store alone, each at
 * its last commit or at its last commit at or before a time, into the data dir. An
 * instance whose file exists is left as it is (so a recovery that stopped midway can run
 * again); a deleted one is not brought back. Each file is checked by SQLite's integrity
 * check before it takes its name, which it takes only if nothing else did meanwhile.
 */
public final class Recovery {

	private static final Logger logger = LoggerFactory.getLogger(Recovery.class);

	private final ObjectStore store;

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final SqliteConnections connections;

	private final int threads;

	Recovery(ObjectStore store, DatabaseCatalog catalog, InstanceFiles files, SqliteConnections connections,
			int threads) {
		this.store = store;
		this.catalog = catalog;
		this.files = files;
		this.connections = connections;
		this.threads = threads;
	}

	/**
	 * Recovers the instances of {@code database} found in the store (or only
	 * {@code instance}).
	 * @param instance the one instance (tenant) to recover; {@code null} for all
	 * @param at the time to recover to; {@code null} for the last commit
	 * @throws dev.durabledb.database.UnknownDatabaseException if there is no such database
	 */
	public RecoveryResult recover(String database, @Nullable String instance, @Nullable Instant at) {
		this.catalog.get(database);
		List<String> folders = folders(database, instance);
		ProgressLog progress = new ProgressLog(logger, "Recovering '" + database + "' from " + this.store.describe(),
				folders.size(), Duration.ofSeconds(10));
		List<String> recovered = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		List<String> failed = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(this.threads, (runnable) -> {
			Thread thread = new Thread(runnable, "durable-db-recovery");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<Outcome>> outcomes = new ArrayList<>();
			for (String folder : folders) {
				outcomes.add(pool.submit(() -> recoverOne(database, folder, at)));
			}
			for (int i = 0; i < folders.size(); i++) {
				Outcome outcome = outcomes.get(i).get();
				String id = InstanceFileName.decode(folders.get(i)).orElse(folders.get(i));
				switch (outcome) {
					case RECOVERED -> recovered.add(id);
					case SKIPPED -> skipped.add(id);
					case FAILED -> failed.add(id);
				}
				progress.stepDone();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DurableDbException("Recovery of '" + database + "' was interrupted", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new DurableDbException("Recovery of '" + database + "' failed", ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
		RecoveryResult result = new RecoveryResult(database, recovered, skipped, failed);
		logger.atLevel(failed.isEmpty() ? org.slf4j.event.Level.INFO : org.slf4j.event.Level.WARN)
			.log("Recovered {} instances of '{}' from {}{}; {} already there or deleted, {} failed{}", recovered.size(),
					database, this.store.describe(), (at != null) ? " as at " + at : "", skipped.size(), failed.size(),
					failed.isEmpty() ? "" : ": " + failed);
		return result;
	}

	/** The instance folders of {@code database} in the store, or the one of {@code instance}. */
	private List<String> folders(String database, @Nullable String instance) {
		String prefix = Replica.ROOT + database + "/";
		TreeSet<String> folders = new TreeSet<>();
		try {
			for (String key : this.store.list(prefix)) {
				int slash = key.indexOf('/', prefix.length());
				if (slash > 0) {
					folders.add(key.substring(prefix.length(), slash));
				}
			}
		}
		catch (IOException ex) {
			throw new DurableDbException("Could not list the history of '" + database + "' in " + this.store.describe(), ex);
		}
		if (instance != null) {
			String folder = InstanceFileName.encode(instance);
			return folders.contains(folder) ? List.of(folder) : List.of();
		}
		return folders.stream().filter((folder) -> InstanceFileName.decode(folder).isPresent()).toList();
	}

	private Outcome recoverOne(String database, String folder, @Nullable Instant at) {
		String id = InstanceFileName.decode(folder).orElseThrow();
		InstanceKey key = new InstanceKey(database, id);
		Path file = this.files.file(key);
		try (StagedRebuild staged = StagedRebuild.forTarget(this.files, database, file)) {
			Replica replica = new Replica(this.store, database, id, folder);
			if (Files.exists(file) || replica.deletedAt().isPresent()) {
				return Outcome.SKIPPED;
			}
			Optional<Bookmark> latest = replica.latest();
			Optional<Bookmark> point = (at != null) ? replica.at(at) : latest;
			if (point.isEmpty()) {
				return Outcome.SKIPPED;
			}
			staged.rebuildChecked(replica, point.get(), this.connections);
			if (!AtomicFiles.publishIfAbsent(staged.file(), file, this.connections.durableAcrossPowerLoss())) {
				return Outcome.SKIPPED;
			}
			if (point.equals(latest)) {
				// The file is the end of its generation: its next open continues it, no snapshot.
				CleanClose.of(file, point.get()).write(CleanClose.recordOf(this.files, key));
			}
			return Outcome.RECOVERED;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			logger.atWarn()
				.addKeyValue("database", database)
				.addKeyValue("instance", id)
				.setCause(ex)
				.log("Could not recover instance '{}' from {}: {}", key, this.store.describe(), ex.getMessage());
			return Outcome.FAILED;
		}
	}

	private enum Outcome {

		RECOVERED, SKIPPED, FAILED

	}

}
