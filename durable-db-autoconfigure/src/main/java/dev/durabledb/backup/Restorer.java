package dev.durabledb.backup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import dev.durabledb.instance.FileSwapJournal;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.io.AtomicFiles;
import dev.durabledb.io.BoundedOutput;
import dev.durabledb.io.Sha256;
import dev.durabledb.io.SyncingFileOutput;
import dev.durabledb.migration.SchemaInspector;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.sqlite.ChangeMarker;
import dev.durabledb.sqlite.InstanceTable;
import dev.durabledb.sqlite.SqliteConnections;
import dev.durabledb.store.UnservableObjectException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores an instance from a backup so that it is never left half-restored, missing or
 * corrupt:
 * <ol>
 * <li>download, verify the SHA-256, decompress to a staging file (synced to disk while it
 * is written and checked), run {@code PRAGMA integrity_check}, and check that the file is
 * an instance of this database: any failure so far leaves the instance untouched;</li>
 * <li>quiesce the instance (new actions wait, running ones finish), set its file aside by
 * a rename (the pre-restore copy, log folded in), swap the restored file in atomically
 * (stale {@code -wal}/{@code -shm} removed), migrate it if the backup is older than the
 * changelog, and let actions resume. A failure after the swap puts the set-aside file
 * back. Renames keep the wait short whatever the tenant's size;</li>
 * <li>store the set-aside file as the {@code pre-restore} backup.</li>
 * </ol>
 */
final class Restorer {

	private static final Logger logger = LoggerFactory.getLogger(Restorer.class);

	private final BackupMaker backups;

	private final InstanceFiles files;

	private final InstanceRegistry registry;

	private final SqliteConnections connections;

	private final SchemaMigrations migrations;

	private final SchemaInspector inspector;

	private final BackupListener events;

	private final FileSwapJournal swaps;

	private final RestoreSteps steps;

	private final UndoPoints undoPoints;

	Restorer(BackupMaker backups, InstanceFiles files, InstanceRegistry registry,
			SchemaMigrations migrations, SchemaInspector inspector, SqliteConnections connections,
			BackupListener events, FileSwapJournal swaps, RestoreSteps steps, UndoPoints undoPoints) {
		this.swaps = swaps;
		this.undoPoints = undoPoints;
		this.steps = steps;
		this.backups = backups;
		this.files = files;
		this.registry = registry;
		this.migrations = migrations;
		this.inspector = inspector;
		this.connections = connections;
		this.events = events;
	}

	/**
	 * Restores {@code key} from backup {@code backupId}.
	 * @return what was restored and the id of the pre-restore backup, if there was an
	 * instance to back up
	 * @throws InvalidBackupException if the backup is unknown, corrupt, not SQLite or of
	 * another database; the instance is untouched
	 * @throws BackupException if the restore failed after the swap; the instance is back
	 * as it was before
	 */
	RestoreResult restore(InstanceKey key, String backupId) {
		long start = System.nanoTime();
		boolean success = false;
		BackupManifest manifest = find(key, backupId);
		Path staging = this.files.internalDir(key.database(), "staging");
		Path compressed = staging.resolve(backupId + ".restore" + BackupPaths.DATA_SUFFIX);
		Path restored = staging.resolve(backupId + ".restore.db");
		try {
			SyncingFileOutput output = fetch(manifest, compressed, restored);
			try {
				verify(key, restored, "The backup");
			}
			finally {
				// Synced before the swap, so that the quiesce window has no large write to wait for.
				output.awaitSynced();
			}
			StagedRestore<@Nullable String> swapped = swapIn(key, restored, () -> this.undoPoints.mark(key));
			String preRestore = swapped.preRestoreBackup();
			success = true;
			logger.atInfo()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.addKeyValue("backup", backupId)
				.addKeyValue("preRestoreBackup", preRestore)
				.log("Restored '{}' from backup {}{}", key, backupId,
						(preRestore != null) ? " (pre-restore backup " + preRestore + ")" : "");
			return new RestoreResult(manifest, preRestore, swapped.value());
		}
		catch (BackupException ex) {
			throw ex;
		}
		catch (dev.durabledb.DurableDbException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new BackupException("Could not restore '" + key + "' from backup " + backupId, ex);
		}
		finally {
			BackupMaker.deleteQuietly(compressed);
			BackupMaker.deleteQuietly(restored);
			this.events.restoreFinished(key.database(), success, System.nanoTime() - start);
		}
	}

	/**
	 * Restores {@code key} from {@code staged}, a database file the caller made and synced
	 * (a point-in-time rebuild, say), with the guarantees of a restore from a backup: the
	 * file is checked first (the instance is untouched if it fails), then swapped in with
	 * the instance quiesced, the old file kept as the {@code pre-restore} backup, and put
	 * back if anything fails after the swap. {@code whileQuiesced} runs with the instance
	 * closed and held, just before the swap.
	 * @param what what the file is, for messages ("The rebuilt file", ...)
	 */
	<T> StagedRestore<T> restoreStaged(InstanceKey key, Path staged, String what, Callable<T> whileQuiesced) {
		long start = System.nanoTime();
		boolean success = false;
		try {
			verify(key, staged, what);
			StagedRestore<T> restored = swapIn(key, staged, whileQuiesced);
			success = true;
			logger.atInfo()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.addKeyValue("preRestoreBackup", restored.preRestoreBackup())
				.log("Restored '{}' from {}{}", key, what.toLowerCase(java.util.Locale.ROOT),
						(restored.preRestoreBackup() != null)
								? " (pre-restore backup " + restored.preRestoreBackup() + ")" : "");
			return restored;
		}
		catch (dev.durabledb.DurableDbException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new BackupException("Could not restore '" + key + "' from " + what.toLowerCase(java.util.Locale.ROOT), ex);
		}
		finally {
			this.events.restoreFinished(key.database(), success, System.nanoTime() - start);
		}
	}

	/**
	 * Swaps {@code restored} in with the instance quiesced, {@code whileQuiesced} first,
	 * then keeps the set-aside file as the pre-restore backup once actions run again.
	 */
	private <T> StagedRestore<T> swapIn(InstanceKey key, Path restored, Callable<T> whileQuiesced) throws Exception {
		Held<T> held = this.registry.exclusive(key, () -> {
			T value = whileQuiesced.call();
			return new Held<>(swap(key, restored), value);
		});
		String preRestore = (held.swapped().previous() != null) ? keep(key, held.swapped().previous()) : null;
		this.swaps.end(held.swapped().record());
		return new StagedRestore<>(held.value(), preRestore);
	}

	/** A swap done while quiesced, and what the caller's work returned meanwhile. */
	private record Held<T>(Swapped swapped, T value) {
	}

	private BackupManifest find(InstanceKey key, String backupId) {
		if (!BackupId.isValid(backupId)) {
			throw new InvalidBackupException("'" + backupId + "' is not a backup id");
		}
		Optional<BackupManifest> found;
		try {
			found = this.backups.store().find(key.database(), key.instance(), backupId);
		}
		catch (IOException ex) {
			throw new BackupException("Could not read the backups of '" + key + "'", ex);
		}
		BackupManifest manifest = found
			.orElseThrow(() -> new InvalidBackupException("Instance '" + key + "' has no backup " + backupId));
		if (!manifest.database().equals(key.database()) || !manifest.instance().equals(key.instance())) {
			throw new InvalidBackupException("Backup " + backupId + " was taken of '" + manifest.database() + "/"
					+ manifest.instance() + "', not of '" + key + "'");
		}
		return manifest;
	}

	/**
	 * Downloads, checks the SHA-256 and decompresses.
	 * @return the decompressed file's output, closed, its last sync under way
	 */
	private SyncingFileOutput fetch(BackupManifest manifest, Path compressed, Path restored) throws IOException {
		try {
			this.backups.store().download(manifest, compressed);
		}
		catch (NoSuchFileException ex) {
			throw new InvalidBackupException("The data of backup " + manifest.id() + " is missing from the store", ex);
		}
		catch (UnservableObjectException ex) {
			throw new InvalidBackupException("The data of backup " + manifest.id() + " cannot be read: " + ex.getMessage(),
					ex);
		}
		if (Files.size(compressed) != manifest.compressedBytes()) {
			throw new InvalidBackupException("Backup " + manifest.id() + " is corrupt: " + Files.size(compressed)
					+ " bytes in the store, " + manifest.compressedBytes() + " in its manifest");
		}
		String actual = sha256(compressed);
		if (!actual.equals(manifest.sha256())) {
			throw new InvalidBackupException("Backup " + manifest.id()
					+ " is corrupt: its SHA-256 does not match its manifest (truncated or altered in the store)");
		}
		long free = Files.getFileStore(compressed).getUsableSpace();
		if (manifest.sizeBytes() <= 0 || manifest.sizeBytes() > free) {
			throw new InvalidBackupException("Backup " + manifest.id() + " says it holds " + manifest.sizeBytes()
					+ " bytes; the staging folder has " + free + " bytes free");
		}
		SyncingFileOutput output = SyncingFileOutput.create(restored);
		try (InputStream in = new GZIPInputStream(Files.newInputStream(compressed), 1 << 16); output) {
			// Never more than the manifest says: a small archive can decompress to anything.
			long written = in.transferTo(new BoundedOutput(output, manifest.sizeBytes()));
			if (written != manifest.sizeBytes()) {
				throw new InvalidBackupException("Backup " + manifest.id() + " decompresses to " + written
						+ " bytes, not the " + manifest.sizeBytes() + " its manifest says");
			}
			return output;
		}
		catch (BoundedOutput.LimitExceededException ex) {
			throw new InvalidBackupException("Backup " + manifest.id() + " decompresses to more than the "
					+ manifest.sizeBytes() + " bytes its manifest says");
		}
		catch (ZipException | EOFException ex) {
			throw new InvalidBackupException("Backup " + manifest.id() + " is corrupt: it does not decompress", ex);
		}
	}

	/**
	 * {@code PRAGMA integrity_check}, and the file must be an instance of this database.
	 * @param what what the file is, for messages: "The backup", ...
	 */
	private void verify(InstanceKey key, Path restored, String what) {
		try (Connection connection = this.connections.openForInspection(restored)) {
			String verdict = SqliteConnections.integrityCheck(connection);
			if (!"ok".equals(verdict)) {
				throw new InvalidBackupException(what + " fails SQLite's integrity check: " + verdict);
			}
		}
		catch (SQLException ex) {
			throw new InvalidBackupException(what + " is not a readable SQLite database", ex);
		}
		try (Connection connection = this.connections.openForInspection(restored)) {
			Optional<InstanceTable.Identity> identity = InstanceTable.readIdentity(connection);
			if (identity.isPresent() && !identity.get().equals(new InstanceTable.Identity(key.database(), key.instance()))) {
				throw new InvalidBackupException(what + " holds instance '" + identity.get() + "', not '" + key + "'");
			}
		}
		catch (SQLException ex) {
			throw new InvalidBackupException(what + " is not a readable SQLite database", ex);
		}
		try {
			Optional<String> mismatch = this.inspector.mismatch(key.database(), restored);
			if (mismatch.isPresent()) {
				throw new InvalidBackupException(
						what + " is not an instance of database '" + key.database() + "': " + mismatch.get());
			}
		}
		catch (SQLException ex) {
			throw new InvalidBackupException(what + " is not a readable SQLite database", ex);
		}
	}

	/**
	 * Runs with the instance closed and held, so it is quick whatever the size: the swap is
	 * recorded ({@link FileSwapJournal}, so that a crash at any instant is recovered at the
	 * next start), the current file set aside by a rename (its log folded in first), the
	 * restored one swapped in, migrated if it is older than the changelog. Any failure puts
	 * the set-aside file back.
	 * @return the swap's record and the set-aside file ({@code null} when there was no
	 * instance); the record is ended once the set-aside file is kept
	 */
	private Swapped swap(InstanceKey key, Path restored) throws Exception {
		Path file = this.files.file(key);
		Path aside = this.files.internalDir(key.database(), "staging").resolve("pre-restore-" + UUID.randomUUID() + ".db");
		FileSwapJournal.Swap record = this.swaps.begin(key, restored, aside);
		SetAside previous;
		try {
			this.steps.reached(RestoreSteps.Step.RECORDED);
			previous = Files.isRegularFile(file) ? setAside(file, aside) : null;
		}
		catch (Exception ex) {
			this.swaps.end(record);
			throw ex;
		}
		try {
			this.steps.reached(RestoreSteps.Step.SET_ASIDE);
			replace(file, restored);
			this.steps.reached(RestoreSteps.Step.SWAPPED);
			this.backups.forget(key);
			try (Connection connection = this.connections.open(file)) {
				// The content is the backup's now: a new epoch, so the next run backs it up.
				ChangeMarker.renew(connection);
				if (!this.migrations.isCurrent(key, connection)) {
					connection.close();
					this.migrations.migrate(key, file, false);
				}
			}
			this.steps.reached(RestoreSteps.Step.MIGRATED);
			return new Swapped(record, previous);
		}
		catch (Exception ex) {
			rollBack(key, file, previous, ex);
			this.backups.forget(key);
			this.swaps.end(record);
			throw new BackupException("Restore of '" + key + "' failed after the swap; the instance is back as it was",
					ex);
		}
	}

	private SetAside setAside(Path file, Path aside) throws IOException, SQLException {
		try (Connection connection = this.connections.open(file); Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
		}
		Instant at = Instant.now();
		Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
		for (Path sidecar : InstanceFiles.sidecars(file)) {
			Files.deleteIfExists(sidecar);
		}
		return new SetAside(aside, at);
	}

	/**
	 * Stores the set-aside file as the pre-restore backup, now that actions run again. If
	 * that fails the file is kept in the database's hidden {@code replaced} folder.
	 */
	private String keep(InstanceKey key, SetAside previous) {
		try {
			return this.backups.store(key, BackupReason.PRE_RESTORE, previous.file(), previous.at()).id();
		}
		catch (RuntimeException ex) {
			Path kept = this.files.internalDir(key.database(), "replaced").resolve(previous.file().getFileName());
			try {
				Files.move(previous.file(), kept);
			}
			catch (IOException moveFailure) {
				ex.addSuppressed(moveFailure);
			}
			logger.atError()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.setCause(ex)
				.log("Restored '{}', but its pre-restore backup could not be stored; the replaced file is kept in"
						+ " the database's .durable-db/replaced folder", key);
			return null;
		}
		finally {
			BackupMaker.deleteQuietly(previous.file());
		}
	}

	private void rollBack(InstanceKey key, Path file, SetAside previous, Exception failure) {
		try {
			for (Path sidecar : InstanceFiles.sidecars(file)) {
				Files.deleteIfExists(sidecar);
			}
			if (previous != null) {
				Files.move(previous.file(), file, StandardCopyOption.ATOMIC_MOVE,
						StandardCopyOption.REPLACE_EXISTING);
			}
			else {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
			logger.atError()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.setCause(ex)
				.log("Could not roll back the restore of '{}'", key);
		}
	}

	/**
	 * An instance's file set aside by a restore.
	 *
	 * @param file where it is
	 * @param at when it was set aside
	 */
	private record SetAside(Path file, Instant at) {
	}

	/**
	 * A swap done, its set-aside file still to keep.
	 *
	 * @param record the swap's record, to end once the set-aside file is kept
	 * @param previous the set-aside file, or {@code null} when there was no instance
	 */
	private record Swapped(FileSwapJournal.Swap record, @Nullable SetAside previous) {
	}

	/** Moves {@code replacement} over {@code file}; the old write-ahead log goes first. */
	private static void replace(Path file, Path replacement) throws IOException {
		for (Path sidecar : InstanceFiles.sidecars(file)) {
			Files.deleteIfExists(sidecar);
		}
		AtomicFiles.publish(replacement, file);
	}

	private static String sha256(Path file) throws IOException {
		MessageDigest digest = Sha256.digest();
		try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

}
