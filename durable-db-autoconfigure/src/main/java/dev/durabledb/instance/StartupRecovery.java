package dev.durabledb.instance;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.util.regex.Pattern;

import dev.durabledb.DurableDbException;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.sqlite.ChangeMarker;
import dev.durabledb.sqlite.SqliteConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a process does with a data dir before its first action: it owns the dir (the
 * registry holds the {@link DataDirLock}), so whatever it finds half-done was left by a
 * process that stopped, and is finished here.
 * <ol>
 * <li>Every interrupted swap ({@link FileSwapJournal}) is rolled back when the instance's
 * file is missing or was never replaced (the set-aside file goes back), or completed when
 * the staged file is in place (its change marker renewed; a restore's set-aside file kept
 * as a pending pre-restore backup under {@code .durable-db/pre-restore/}, a reset's left
 * in its reset folder). One log line each.</li>
 * <li>The starter's leftovers are removed: staging files, temporary copies, write-ahead
 * logs and shared-memory files whose database file is gone. One log line per database
 * that had any.</li>
 * </ol>
 */
final class StartupRecovery {

	private static final Logger logger = LoggerFactory.getLogger(StartupRecovery.class);

	/** A temporary name ({@code AtomicFiles.temporarySibling}), and the log files SQLite may keep next to it. */
	private static final Pattern TEMPORARY = Pattern.compile("^\\..+\\.tmp-[0-9a-f-]{36}(-wal|-shm|-journal)?$");

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final SqliteConnections connections;

	private final FileSwapJournal swaps;

	StartupRecovery(DatabaseCatalog catalog, InstanceFiles files, SqliteConnections connections,
			FileSwapJournal swaps) {
		this.catalog = catalog;
		this.files = files;
		this.connections = connections;
		this.swaps = swaps;
	}

	void run() {
		removeInterruptedArchiveLoads();
		for (DatabaseDefinition database : this.catalog.all()) {
			if (!Files.isDirectory(this.files.databaseDir(database.name()))) {
				continue;
			}
			try {
				for (FileSwapJournal.Swap swap : this.swaps.pending(database.name())) {
					recover(swap);
				}
				removeLeftovers(database.name());
			}
			catch (IOException ex) {
				throw new DurableDbException("Could not recover database '" + database.name()
						+ "' from an interrupted operation; its files are as the stopped process left them", ex);
			}
		}
	}

	private void recover(FileSwapJournal.Swap swap) throws IOException {
		Path file = swap.file();
		boolean fileThere = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
		boolean staged = Files.exists(swap.staged(), LinkOption.NOFOLLOW_LINKS);
		// Renames move the file: the staged file and the set-aside one exist until they take
		// or leave the instance's name, so which of the three exist tells how far it got.
		boolean aside = Files.exists(swap.aside(), LinkOption.NOFOLLOW_LINKS);
		String outcome;
		if (!fileThere && aside) {
			deleteSidecars(file);
			Files.move(swap.aside(), file, StandardCopyOption.ATOMIC_MOVE);
			outcome = "rolled back: the file it had before is back";
		}
		else if (!fileThere) {
			outcome = "rolled back: it had no file before and still has none";
		}
		else if (aside) {
			// The staged file took the place of the one set aside.
			renewChangeMarker(file);
			if (swap.purpose() == FileSwapJournal.Purpose.RESET) {
				outcome = "completed: the fresh file is in place, the one it replaced kept aside until purged";
			}
			else {
				keepForPreRestore(swap);
				outcome = "completed: the restored file is in place, the one it replaced kept as a pre-restore backup";
			}
		}
		else if (staged || swap.replacing()) {
			outcome = "rolled back: its file was never replaced";
		}
		else {
			renewChangeMarker(file);
			outcome = "completed: the restored file is in place";
		}
		Files.deleteIfExists(swap.staged());
		this.swaps.end(swap);
		logger.atWarn()
			.addKeyValue("database", swap.key().database())
			.addKeyValue("instance", swap.key().instance())
			.log("Recovered the interrupted {} of '{}', {}", swap.purpose().name().toLowerCase(java.util.Locale.ROOT),
					swap.key(), outcome);
	}

	private void keepForPreRestore(FileSwapJournal.Swap swap) throws IOException {
		Path pending = this.files.internalDir(swap.key().database(), InstanceFiles.PRE_RESTORE_FOLDER)
			.resolve(swap.file().getFileName() + "." + Files.getLastModifiedTime(swap.aside()).toMillis());
		Files.move(swap.aside(), pending, StandardCopyOption.ATOMIC_MOVE);
	}

	private void renewChangeMarker(Path file) throws IOException {
		try (Connection connection = this.connections.open(file)) {
			ChangeMarker.renew(connection);
		}
		catch (java.sql.SQLException ex) {
			throw new IOException("Could not renew the change marker of " + file.getFileName(), ex);
		}
	}

	private void removeLeftovers(String database) throws IOException {
		Removed removed = new Removed();
		Path dir = this.files.databaseDir(database);
		Path internal = dir.resolve(InstanceFiles.INTERNAL_FOLDER);
		removeAll(internal.resolve("staging"), removed);
		removeTemporaries(dir, removed);
		if (Files.isDirectory(internal)) {
			try (DirectoryStream<Path> folders = Files.newDirectoryStream(internal, Files::isDirectory)) {
				for (Path folder : folders) {
					removeTemporaries(folder, removed);
				}
			}
		}
		try (DirectoryStream<Path> sidecars = Files.newDirectoryStream(dir, "*" + InstanceFileName.SUFFIX + "-{wal,shm}")) {
			for (Path sidecar : sidecars) {
				String name = sidecar.getFileName().toString();
				if (!Files.exists(sidecar.resolveSibling(name.substring(0, name.length() - 4)))) {
					removed.delete(sidecar);
				}
			}
		}
		if (removed.count > 0) {
			logger.atInfo()
				.addKeyValue("database", database)
				.addKeyValue("removedFiles", removed.count)
				.log("Removed {} leftover files ({} bytes) of stopped operations from database '{}'", removed.count,
						removed.bytes, database);
		}
	}

	/**
	 * Archive loads that stopped: one that had checked every entry (its {@code ready}
	 * marker) is completed as the loader would have (each database it had not yet moved
	 * in moved in now, what it replaces kept under {@code .durable-db-replaced/}); one
	 * that had not is dropped, the data dir as it was.
	 */
	private void removeInterruptedArchiveLoads() {
		try (DirectoryStream<Path> loads = Files.newDirectoryStream(this.files.dataDir(), ".durable-db-loading-*")) {
			for (Path load : loads) {
				boolean ready = Files.exists(load.resolve("ready"));
				if (ready) {
					try (DirectoryStream<Path> databases = Files.newDirectoryStream(load, Files::isDirectory)) {
						for (Path database : databases) {
							Path target = this.files.dataDir().resolve(database.getFileName().toString());
							if (Files.exists(target)) {
								Path replaced = Files.createDirectories(this.files.dataDir()
									.resolve(".durable-db-replaced")
									.resolve(java.time.Instant.now().toString().replace(':', '-')));
								Files.move(target, replaced.resolve(database.getFileName().toString()));
							}
							Files.move(database, target, StandardCopyOption.ATOMIC_MOVE);
						}
					}
				}
				try (java.util.stream.Stream<Path> paths = Files.walk(load)) {
					for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
						Files.deleteIfExists(path);
					}
				}
				logger.warn("Recovered the archive load that stopped in {}: {}", load.getFileName(),
						ready ? "completed, every database it holds moved in" : "dropped, nothing was moved in");
			}
		}
		catch (IOException ex) {
			throw new DurableDbException("Could not remove what a stopped archive load left in the data dir", ex);
		}
	}

	private static void removeAll(Path folder, Removed removed) throws IOException {
		if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
			for (Path entry : entries) {
				removed.delete(entry);
			}
		}
	}

	private static void removeTemporaries(Path folder, Removed removed) throws IOException {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
				(entry) -> TEMPORARY.matcher(entry.getFileName().toString()).matches())) {
			for (Path entry : entries) {
				removed.delete(entry);
			}
		}
	}

	private static void deleteSidecars(Path file) throws IOException {
		for (Path sidecar : InstanceFiles.sidecars(file)) {
			Files.deleteIfExists(sidecar);
		}
	}

	/** What the clean-up removed. */
	private static final class Removed {

		private int count;

		private long bytes;

		void delete(Path path) throws IOException {
			if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
				return;
			}
			long size = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
			if (Files.deleteIfExists(path)) {
				this.count++;
				this.bytes += size;
			}
		}

	}

}
