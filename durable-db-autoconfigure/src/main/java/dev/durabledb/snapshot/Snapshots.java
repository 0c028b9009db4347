package dev.durabledb.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;

import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.io.AtomicFiles;
import dev.durabledb.sqlite.InstanceTable;
import dev.durabledb.sqlite.SqliteConnections;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * Consistent copies of instances, taken while they keep serving.
 * <p>
 * A snapshot is written with SQLite's online backup API copying every page in one step:
 * one read transaction, so in WAL mode writers are not blocked and the copy is exactly
 * one committed state. (sqlite-jdbc's {@code backup to} statement copies 100 pages per
 * step and starts over whenever another connection writes, so under steady writes it may
 * never finish; {@code VACUUM INTO} is consistent too but rebuilds every table, several
 * times slower; a copy of the raw file is not consistent at all.)
 */
public final class Snapshots {

	private final SqliteConnections connections;

	public Snapshots(SqliteConnections connections) {
		this.connections = connections;
	}

	/** Writes a snapshot of the database file {@code source} to {@code target}. */
	public void take(Path source, Path target) throws SQLException, IOException {
		try (Connection connection = this.connections.open(source)) {
			take(connection, target);
		}
	}

	/**
	 * Folds the write-ahead log into {@code source} as far as readers allow (without
	 * waiting for anyone), then writes a snapshot of it to {@code target}.
	 * @return when the snapshot's content was fixed: every commit before that instant is
	 * in it, and the file was not modified after it unless a write came in since
	 */
	public Instant takeCheckpointed(Path source, Path target, Clock clock) throws SQLException, IOException {
		try (Connection connection = this.connections.open(source)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
			}
			Instant at = clock.instant();
			take(connection, target);
			return at;
		}
	}

	/**
	 * Records in a snapshot (a file nothing else uses) which instance it is a copy of; see
	 * {@link InstanceTable#stampIdentity}.
	 */
	public void stampIdentity(Path snapshot, String database, String instance) throws SQLException {
		try (Connection connection = this.connections.open(snapshot)) {
			InstanceTable.stampIdentity(connection, database, instance);
		}
	}

	/**
	 * Writes a snapshot of the database open on {@code connection} to {@code target},
	 * replacing it atomically. The connection must not be inside a transaction.
	 */
	public void take(Connection connection, Path target) throws SQLException, IOException {
		Path temporary = AtomicFiles.temporarySibling(target);
		try {
			// Every page in one step: one read transaction, which WAL writers do not wait for.
			int result = connection.unwrap(SQLiteConnection.class)
				.getDatabase()
				.backup("main", temporary.toAbsolutePath().toString(), null, 100, 100, -1);
			if (result != SQLiteErrorCode.SQLITE_OK.code) {
				throw new SQLException("SQLite online backup failed with code " + result);
			}
			AtomicFiles.publish(temporary, target);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Replaces the database file {@code file} with a copy of {@code snapshot}, which is
	 * kept. No connection to {@code file} may be open. The old write-ahead log goes first:
	 * left behind, SQLite would replay it onto the restored file.
	 */
	public void restore(Path snapshot, Path file) throws IOException {
		Path temporary = AtomicFiles.temporarySibling(file);
		try {
			Files.copy(snapshot, temporary);
			for (Path sidecar : InstanceFiles.sidecars(file)) {
				Files.deleteIfExists(sidecar);
			}
			AtomicFiles.publish(temporary, file);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}
