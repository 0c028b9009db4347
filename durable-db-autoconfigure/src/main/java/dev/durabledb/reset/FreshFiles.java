package dev.durabledb.reset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import dev.durabledb.backup.UndoPoints;
import dev.durabledb.instance.FileSwapJournal;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.instance.InstanceTransactions;
import dev.durabledb.io.AtomicFiles;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.sqlite.ChangeMarker;
import dev.durabledb.sqlite.SqliteConnections;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives one instance a fresh file: a copy of its database's template (empty, migrated,
 * as a new tenant gets) takes the place of its file while the instance is held closed
 * (running actions finish first, new ones wait), and the old file, its log folded in, is
 * set aside in the reset's folder. The swap is written down before its first rename
 * ({@link FileSwapJournal}), so that a crash at any instant is completed or rolled back at
 * the next start; a failure before the swap is complete puts the old file back.
 */
final class FreshFiles {

	private static final Logger logger = LoggerFactory.getLogger(FreshFiles.class);

	private final InstanceFiles files;

	private final InstanceRegistry registry;

	private final InstanceTransactions transactions;

	private final SchemaMigrations migrations;

	private final SqliteConnections connections;

	private final FileSwapJournal swaps;

	private final UndoPoints undoPoints;

	private final ResetSteps steps;

	FreshFiles(InstanceFiles files, InstanceRegistry registry, InstanceTransactions transactions,
			SchemaMigrations migrations, SqliteConnections connections, FileSwapJournal swaps, UndoPoints undoPoints,
			ResetSteps steps) {
		this.files = files;
		this.registry = registry;
		this.transactions = transactions;
		this.migrations = migrations;
		this.connections = connections;
		this.swaps = swaps;
		this.undoPoints = undoPoints;
		this.steps = steps;
	}

	/**
	 * Resets {@code key}, once the actions running on it end.
	 * @param aside the reset's folder for old files
	 * @return what was done; {@code null} if the instance had no file by then (deleted
	 * meanwhile): none is created
	 */
	ResetResult.@Nullable InstanceReset reset(InstanceKey key, AsideFolders.Run aside) throws Exception {
		Path staged = this.files.internalDir(key.database(), "staging").resolve("reset-" + UUID.randomUUID() + ".db");
		try {
			// Copied before the instance is held, so that actions wait for two renames only.
			this.migrations.create(key, staged);
			ResetResult.InstanceReset reset = this.registry.exclusive(key, () -> swap(key, staged, aside));
			if (reset != null) {
				startNewEpoch(key);
			}
			return reset;
		}
		finally {
			Files.deleteIfExists(staged);
		}
	}

	/** Runs with the instance closed and held. */
	private ResetResult.@Nullable InstanceReset swap(InstanceKey key, Path staged, AsideFolders.Run aside)
			throws Exception {
		Path file = this.files.file(key);
		if (!Files.isRegularFile(file)) {
			return null;
		}
		// With replication on: the old file's last commit, in the store, so that a restore
		// to it undoes the reset.
		String undoBookmark = this.undoPoints.mark(key);
		foldLog(file);
		Path setAside = aside.folder().resolve(file.getFileName().toString());
		FileSwapJournal.Swap record = this.swaps.begin(key, FileSwapJournal.Purpose.RESET, staged, setAside);
		try {
			this.steps.reached(ResetSteps.Step.RECORDED);
			Files.move(file, setAside, StandardCopyOption.ATOMIC_MOVE);
			deleteSidecars(file);
			this.steps.reached(ResetSteps.Step.SET_ASIDE);
			AtomicFiles.publish(staged, file);
			this.steps.reached(ResetSteps.Step.SWAPPED);
		}
		catch (Exception ex) {
			putBack(file, setAside, ex);
			this.swaps.end(record);
			throw ex;
		}
		this.swaps.end(record);
		// Its failed migration and pre-migration snapshot were the old file's.
		this.migrations.forget(key);
		return new ResetResult.InstanceReset(key.instance(), undoBookmark);
	}

	/** The old file alone is then the whole old instance. */
	private void foldLog(Path file) throws SQLException {
		try (Connection connection = this.connections.open(file); Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
		}
	}

	/**
	 * A first commit on the fresh file that starts a new epoch of its change marker,
	 * through the listeners every commit goes through: backups see the instance changed
	 * since its last backup, and replication (whose chain the swap ended) begins a new
	 * generation with it, so that the store's history holds the reset too. A failure here
	 * leaves the reset done; the instance's next write does the same.
	 */
	private void startNewEpoch(InstanceKey key) {
		try {
			this.transactions.run(key, false, (connection) -> {
				ChangeMarker.renew(connection.connection());
				return null;
			});
		}
		catch (Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			logger.atWarn()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.log("Reset instance '{}', but could not commit its new epoch ({}); backups and replication see the"
						+ " reset with its next write", key, ex.getMessage());
		}
	}

	private void putBack(Path file, Path setAside, Exception failure) {
		try {
			if (Files.exists(setAside)) {
				deleteSidecars(file);
				Files.move(setAside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

	private static void deleteSidecars(Path file) throws IOException {
		for (Path sidecar : InstanceFiles.sidecars(file)) {
			Files.deleteIfExists(sidecar);
		}
	}

}
