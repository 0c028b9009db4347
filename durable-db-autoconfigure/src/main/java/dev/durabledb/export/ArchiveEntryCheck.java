package dev.durabledb.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;

import dev.durabledb.instance.InstanceFileName;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.sqlite.InstanceTable;
import dev.durabledb.sqlite.SqliteConnections;
import org.sqlite.SQLiteConfig;

/**
 * What an archive entry must be before it is loaded, as a restore checks a backup: a
 * SQLite file (its header), whole ({@code PRAGMA integrity_check}), a durable-db instance
 * (the starter's own table), and the instance its name says when it records one.
 */
final class ArchiveEntryCheck {

	private static final byte[] HEADER = "SQLite format 3\u0000".getBytes(StandardCharsets.US_ASCII);

	private ArchiveEntryCheck() {
	}

	/**
	 * @param name the entry's name, {@code <database>/<instance-file>}
	 * @param file the entry, decompressed
	 * @throws IllegalArgumentException naming the entry and what is wrong with it
	 */
	static void verify(String name, Path file) throws IOException {
		try {
			check(name, file);
		}
		finally {
			// Reading a WAL-mode file may leave its log and shared memory next to it.
			for (Path sidecar : InstanceFiles.sidecars(file)) {
				Files.deleteIfExists(sidecar);
			}
		}
	}

	private static void check(String name, Path file) throws IOException {
		byte[] header = new byte[HEADER.length];
		try (InputStream in = Files.newInputStream(file)) {
			if (in.readNBytes(header, 0, header.length) != header.length || !Arrays.equals(header, HEADER)) {
				throw new IllegalArgumentException("The archive entry '" + name + "' is not a SQLite database");
			}
		}
		String database = name.substring(0, name.indexOf('/'));
		Optional<String> instance = InstanceFileName.decode(name.substring(name.indexOf('/') + 1));
		SQLiteConfig config = new SQLiteConfig();
		config.setReadOnly(true);
		try (Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
				Statement statement = connection.createStatement()) {
			String result = SqliteConnections.integrityCheck(connection);
			if (!"ok".equals(result)) {
				throw new IllegalArgumentException(
						"The archive entry '" + name + "' fails SQLite's integrity check: " + result);
			}
			try (ResultSet row = statement.executeQuery("SELECT fingerprint FROM " + InstanceTable.NAME)) {
				if (!row.next() || row.getString(1) == null) {
					throw new IllegalArgumentException("The archive entry '" + name + "' is not a durable-db instance");
				}
			}
			Optional<InstanceTable.Identity> identity = InstanceTable.readIdentity(connection);
			if (instance.isEmpty() || (identity.isPresent()
					&& !identity.get().equals(new InstanceTable.Identity(database, instance.get())))) {
				throw new IllegalArgumentException("The archive entry '" + name + "' holds instance '"
						+ identity.map(InstanceTable.Identity::toString).orElse("?") + "', not what its name says");
			}
		}
		catch (SQLException ex) {
			if (InstanceTable.isMissing(ex)) {
				throw new IllegalArgumentException("The archive entry '" + name + "' is not a durable-db instance");
			}
			throw new IllegalArgumentException("The archive entry '" + name + "' is not a readable SQLite database", ex);
		}
	}

}
