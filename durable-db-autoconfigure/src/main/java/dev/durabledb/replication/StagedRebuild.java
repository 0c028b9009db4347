package dev.durabledb.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.sqlite.SqliteConnections;

/**
 * An instance rebuilt from the store into the database's staging folder, where it is
 * checked before it is published or swapped in, and from where it is always removed.
 */
final class StagedRebuild implements AutoCloseable {

	private final Path file;

	private StagedRebuild(Path file) {
		this.file = file;
	}

	/** A staging name for a rebuild of the instance whose file is {@code target}. */
	static StagedRebuild forTarget(InstanceFiles files, String database, Path target) {
		return new StagedRebuild(dev.durabledb.io.AtomicFiles
			.temporarySibling(files.internalDir(database, "staging").resolve(target.getFileName())));
	}

	Path file() {
		return this.file;
	}

	/**
	 * Rebuilds the instance at {@code bookmark} and runs SQLite's integrity check on it.
	 * @throws InvalidSegmentException if the store's history cannot give that commit
	 * @throws SQLException if the rebuilt file fails the check
	 */
	StagedRebuild rebuildChecked(Replica replica, Bookmark bookmark, SqliteConnections connections)
			throws IOException, SQLException {
		replica.rebuild(bookmark, this.file);
		try (Connection connection = connections.open(this.file)) {
			String verdict = SqliteConnections.integrityCheck(connection);
			if (!"ok".equals(verdict)) {
				throw new SQLException("The rebuilt file fails SQLite's integrity check: " + verdict);
			}
		}
		return this;
	}

	/** Removes whatever is left at the staging name; a leftover there would be harmless. */
	@Override
	public void close() {
		try {
			Files.deleteIfExists(this.file);
			for (Path sidecar : InstanceFiles.sidecars(this.file)) {
				Files.deleteIfExists(sidecar);
			}
		}
		catch (IOException ex) {
			// Staging is cleaned at startup too.
		}
	}

}
