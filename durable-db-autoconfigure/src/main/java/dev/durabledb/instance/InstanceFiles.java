package dev.durabledb.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.database.DatabaseDefinition;

/**
 * Where the files of each instance live:
 * {@code <data-dir>/<database>/<instance-file>.db}. Everything else the starter keeps
 * (templates, snapshots, staging files, deleted tenants) lives in the hidden folder
 * {@code <data-dir>/<database>/.durable-db/}, where it cannot be mistaken for a tenant.
 */
public final class InstanceFiles {

	/** The hidden folder, next to the instance files, that holds the starter's own files. */
	public static final String INTERNAL_FOLDER = ".durable-db";

	/**
	 * The hidden folder of files a restore set aside and a crash kept from being stored as
	 * pre-restore backups; the backups store them at the next start.
	 */
	public static final String PRE_RESTORE_FOLDER = "pre-restore";

	/**
	 * The hidden folder where dev resets set instance files aside, one folder per reset,
	 * until they are purged.
	 */
	public static final String RESET_FOLDER = "reset";

	private final Path dataDir;

	public InstanceFiles(Path dataDir) {
		this.dataDir = dataDir.toAbsolutePath().normalize();
	}

	public Path dataDir() {
		return this.dataDir;
	}

	/** The folder of a database. */
	public Path databaseDir(String database) {
		return this.dataDir.resolve(database);
	}

	/** A hidden folder of the database, created if needed, for the starter's own files. */
	public Path internalDir(String database, String name) {
		Path dir = databaseDir(database).resolve(INTERNAL_FOLDER).resolve(name);
		createDirectories(dir);
		return dir;
	}

	/**
	 * The file of an instance. The name comes from {@link InstanceFileName}; the check
	 * below makes sure it stays in the database's folder whatever changes there later.
	 */
	public Path file(InstanceKey key) {
		Path dir = databaseDir(key.database());
		Path file = dir.resolve(InstanceFileName.encode(key.instance())).normalize();
		if (!dir.equals(file.getParent())) {
			throw new IllegalArgumentException("Instance file outside its database folder");
		}
		return file;
	}

	/** The write-ahead log and shared-memory files SQLite keeps next to a database file. */
	public static List<Path> sidecars(Path file) {
		return List.of(file.resolveSibling(file.getFileName() + "-wal"),
				file.resolveSibling(file.getFileName() + "-shm"));
	}

	public boolean exists(InstanceKey key) {
		return Files.isRegularFile(file(key));
	}

	/** The ids of the instances of a database that exist on disk, sorted. */
	public List<String> instances(String database) {
		Path dir = databaseDir(database);
		List<String> ids = new ArrayList<>();
		if (!Files.isDirectory(dir)) {
			return ids;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + InstanceFileName.SUFFIX)) {
			for (Path file : files) {
				if (Files.isRegularFile(file)) {
					InstanceFileName.decode(file.getFileName().toString()).ifPresent(ids::add);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list the instances of database '" + database + "'", ex);
		}
		ids.sort(null);
		return ids;
	}

	/**
	 * The ids of the instances of {@code database} that exist on disk, sorted: the tenants
	 * of a per-tenant database, {@value InstanceKey#GLOBAL} of a global one once created.
	 */
	public List<String> existing(DatabaseDefinition database) {
		if (database.isPerTenant()) {
			return instances(database.name());
		}
		return exists(InstanceKey.global(database.name())) ? List.of(InstanceKey.GLOBAL) : List.of();
	}

	/** Size in bytes of an instance's file and its write-ahead log. */
	public long size(InstanceKey key) {
		Path file = file(key);
		long size = sizeOf(file);
		for (Path sidecar : sidecars(file)) {
			if (sidecar.getFileName().toString().endsWith("-wal")) {
				size += sizeOf(sidecar);
			}
		}
		return size;
	}

	private static long sizeOf(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	static void createDirectories(Path dir) {
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create folder " + dir, ex);
		}
	}

}
