package dev.durabledb.replication;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * SQLite files whose write-ahead log stays as written, for the replication tests: opened
 * with automatic checkpoints off, a random workload on a table {@code t (id, v, b)}, and
 * a digest of that table computed by SQLite.
 */
final class LoggedFiles {

	static final String TABLE = "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, b BLOB)";

	private LoggedFiles() {
	}

	static Connection open(Path file) throws SQLException {
		Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
		execute(connection, "PRAGMA journal_mode = WAL");
		execute(connection, "PRAGMA wal_autocheckpoint = 0");
		return connection;
	}

	static Path wal(Path file) {
		return file.resolveSibling(file.getFileName() + "-wal");
	}

	/**
	 * One transaction of one to four statements: an insert first (a transaction that
	 * changes nothing writes no frame), then inserts with small or large blobs, updates
	 * and deletes.
	 */
	static void randomTransaction(Connection connection, SplittableRandom random) throws SQLException {
		connection.setAutoCommit(false);
		randomStatements(connection, random);
		connection.commit();
		connection.setAutoCommit(true);
	}

	/** The statements of {@link #randomTransaction}, in the caller's transaction. */
	static void randomStatements(Connection connection, SplittableRandom random) throws SQLException {
		int statements = 1 + random.nextInt(4);
		for (int i = 0; i < statements; i++) {
			switch ((i == 0) ? 0 : random.nextInt(4)) {
				case 0, 1 -> {
					try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (v, b) VALUES (?, ?)")) {
						insert.setString(1, "v" + random.nextInt());
						byte[] blob = new byte[random.nextInt(3) == 0 ? 20_000 : 100];
						random.nextBytes(blob);
						insert.setBytes(2, blob);
						insert.executeUpdate();
					}
				}
				case 2 -> execute(connection, "UPDATE t SET v = 'u" + random.nextInt() + "' WHERE id % 3 = "
						+ random.nextInt(3));
				default -> execute(connection, "DELETE FROM t WHERE id % 7 = " + random.nextInt(7));
			}
		}
	}

	static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	static String query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
			return row.next() ? row.getString(1) : null;
		}
	}

	/** A SHA-256 of every row of {@code t}, in id order. */
	static String digest(Connection connection) throws Exception {
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT id, v, b FROM t ORDER BY id")) {
			while (rows.next()) {
				sha.update((rows.getLong(1) + "|" + rows.getString(2) + "|").getBytes());
				byte[] blob = rows.getBytes(3);
				if (blob != null) {
					sha.update(blob);
				}
			}
		}
		return HexFormat.of().formatHex(sha.digest());
	}

}
