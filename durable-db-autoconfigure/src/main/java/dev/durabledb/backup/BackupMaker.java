package dev.durabledb.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.io.LeveledGzipOutputStream;
import dev.durabledb.io.Sha256;
import dev.durabledb.migration.SchemaInspector;
import dev.durabledb.snapshot.Snapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs instances up to the {@link BackupStore}: a consistent snapshot taken while the
 * instance keeps serving, gzip-compressed with its SHA-256 computed on the way, stored
 * with its manifest, then older backups pruned by the {@link Retention}.
 */
final class BackupMaker {

	private static final Logger logger = LoggerFactory.getLogger(BackupMaker.class);

	private static final int BUFFER = 1 << 16;

	private final BackupStore store;

	private final InstanceFiles files;

	private final Snapshots snapshots;

	private final SchemaInspector inspector;

	private final Retention retention;

	private final BackupListener events;

	private final InstanceRegistry registry;

	private final WriteMarks marks;

	private final int compressionLevel;

	private final Clock clock;

	private final BackupId ids = new BackupId();

	/** The newest backup of each instance this process knows of; absent: not looked up yet. */
	private final Map<InstanceKey, Optional<BackupManifest>> newest = new ConcurrentHashMap<>();

	/** Instances backed up by this process, whose writes since then {@link WriteMarks} knows. */
	private final Set<InstanceKey> trackedHere = ConcurrentHashMap.newKeySet();

	BackupMaker(BackupStore store, InstanceFiles files, Snapshots snapshots, SchemaInspector inspector,
			InstanceRegistry registry, WriteMarks marks, Retention retention, int compressionLevel, BackupListener events,
			Clock clock) {
		this.store = store;
		this.files = files;
		this.snapshots = snapshots;
		this.inspector = inspector;
		this.registry = registry;
		this.marks = marks;
		this.retention = retention;
		this.compressionLevel = compressionLevel;
		this.events = events;
		this.clock = clock;
	}

	BackupStore store() {
		return this.store;
	}

	/**
	 * Backs an existing instance up now, then prunes its older backups.
	 * @throws InstanceNotFoundException if the instance does not exist
	 * @throws BackupException if the backup could not be taken or stored
	 */
	BackupManifest backup(InstanceKey key, BackupReason reason) {
		BackupManifest manifest = take(key, reason);
		prune(key);
		return manifest;
	}

	/** The backups of an instance, newest first. */
	List<BackupManifest> list(InstanceKey key) {
		return listing(key).backups();
	}

	/** The backups of an instance, newest first, and what its folder holds that is not one. */
	BackupListing listing(InstanceKey key) {
		try {
			return this.store.listing(key.database(), key.instance());
		}
		catch (IOException ex) {
			throw new BackupException("Could not list the backups of '" + key + "' in " + this.store.describe(), ex);
		}
	}

	/**
	 * Whether an existing instance changed since its newest backup: with no I/O when this
	 * process took that backup, else by comparing the instance's change marker with the
	 * backup's.
	 */
	boolean changedSinceLastBackup(InstanceKey key) {
		Optional<BackupManifest> last = this.newest.computeIfAbsent(key,
				(k) -> list(k).stream().findFirst());
		if (last.isEmpty()) {
			return true;
		}
		if (this.trackedHere.contains(key)) {
			return this.marks.writtenSinceReset(key);
		}
		try {
			return !this.inspector.changeMarker(this.files.file(key)).toString().equals(last.get().changeMarker());
		}
		catch (SQLException ex) {
			return true;
		}
	}

	/** Forgets what this process knew of an instance whose file was replaced. */
	void forget(InstanceKey key) {
		this.trackedHere.remove(key);
		this.newest.remove(key);
	}

	/** Deletes the backups of an instance that the retention no longer keeps. */
	void prune(InstanceKey key) {
		List<BackupManifest> expired = this.retention.expired(list(key), this.clock.instant());
		for (BackupManifest manifest : expired) {
			try {
				this.store.delete(manifest);
			}
			catch (IOException ex) {
				logger.atWarn()
					.addKeyValue("database", key.database())
					.addKeyValue("instance", key.instance())
					.addKeyValue("backup", manifest.id())
					.setCause(ex)
					.log("Could not delete expired backup {} of '{}'; will retry", manifest.id(), key);
			}
		}
	}

	/** Takes a consistent snapshot of an existing instance and stores it as a backup. */
	private BackupManifest take(InstanceKey key, BackupReason reason) {
		Path file = this.files.file(key);
		if (!Files.isRegularFile(file)) {
			throw new InstanceNotFoundException(key);
		}
		Path snapshot = this.files.internalDir(key.database(), "staging")
			.resolve("backup-" + java.util.UUID.randomUUID() + ".db");
		try {
			// Writes from now on count as changes since this backup (see WriteMarks).
			this.registry.whileNoWriter(key, () -> this.marks.reset(key));
			Instant createdAt = this.snapshots.takeCheckpointed(file, snapshot, this.clock);
			BackupManifest manifest = store(key, reason, snapshot, createdAt);
			this.trackedHere.add(key);
			return manifest;
		}
		catch (IOException | SQLException ex) {
			this.events.backupFinished(key.database(), false, 0);
			throw new BackupException("Could not back up '" + key + "' to " + this.store.describe(), ex);
		}
		finally {
			deleteQuietly(snapshot);
		}
	}

	/**
	 * Stores {@code quiescent}, a database file nothing writes to any more (a snapshot, or an
	 * instance's file set aside), as a backup of {@code key} taken at {@code createdAt}.
	 */
	BackupManifest store(InstanceKey key, BackupReason reason, Path quiescent, Instant createdAt) {
		long start = System.nanoTime();
		Path compressed = quiescent.resolveSibling(quiescent.getFileName() + BackupPaths.DATA_SUFFIX);
		boolean success = false;
		try {
			String id = this.ids.next(createdAt);
			this.snapshots.stampIdentity(quiescent, key.database(), key.instance());
			String fingerprint = this.inspector.recordedFingerprint(quiescent).orElse("");
			String marker = this.inspector.changeMarker(quiescent).toString();
			String sha256 = compress(quiescent, compressed, this.compressionLevel);
			BackupManifest manifest = new BackupManifest(id, key.database(), key.instance(), createdAt,
					Files.size(quiescent), Files.size(compressed), sha256, fingerprint, reason.label(), marker);
			this.store.put(manifest, compressed);
			this.newest.put(key, Optional.of(manifest));
			success = true;
			return manifest;
		}
		catch (IOException | SQLException ex) {
			throw new BackupException("Could not back up '" + key + "' to " + this.store.describe(), ex);
		}
		finally {
			this.events.backupFinished(key.database(), success, System.nanoTime() - start);
			deleteQuietly(compressed);
		}
	}

	/** Gzips {@code source} into {@code target}; returns the hex SHA-256 of what was written. */
	static String compress(Path source, Path target, int level) throws IOException {
		MessageDigest digest = Sha256.digest();
		try (InputStream in = Files.newInputStream(source);
				OutputStream out = new LeveledGzipOutputStream(
						new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(target), BUFFER), digest),
						level, BUFFER)) {
			in.transferTo(out);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * Deletes a staging file and the write-ahead log and shared-memory files that reading
	 * it with SQLite may have left next to it.
	 */
	static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
			for (Path sidecar : InstanceFiles.sidecars(file)) {
				Files.deleteIfExists(sidecar);
			}
		}
		catch (IOException ex) {
			// A leftover in the staging folder is harmless, and the next start removes it.
		}
	}

}
