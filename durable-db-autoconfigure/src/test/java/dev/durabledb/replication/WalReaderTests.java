package dev.durabledb.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The log as SQLite writes it: real files, written by sqlite-jdbc with automatic
 * checkpoints off, read while the writer keeps them open. The oracle for every position
 * is a digest SQLite itself computed right after that commit.
 */
class WalReaderTests {

	@TempDir
	Path folder;

	@Test
	void everyCommitOfTheLogCanBeRebuiltExactlyFromTheFileBeforeIt() throws Exception {
		Path file = this.folder.resolve("t.db");
		try (Connection writer = open(file)) {
			execute(writer, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, b BLOB)");
			execute(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
			Path base = Files.copy(file, this.folder.resolve("base.db"));
			List<String> digests = new ArrayList<>();
			SplittableRandom random = new SplittableRandom(42);
			for (int commit = 0; commit < 60; commit++) {
				randomTransaction(writer, random);
				digests.add(digest(writer));
			}

			WalLog log = WalReader.read(wal(file));

			assertThat(log.commits()).isEqualTo(60);
			assertThat(log.pageSize()).isEqualTo(4096);
			for (int commit = 0; commit < 60; commit += 7) {
				Path rebuilt = Files.copy(base, this.folder.resolve("at-" + commit + ".db"));
				FrameWriter.write(rebuilt, log.pageSize(), upToCommit(log, commit));
				try (Connection connection = open(rebuilt)) {
					assertThat(digest(connection)).as("after commit %d", commit).isEqualTo(digests.get(commit));
					assertThat(query(connection, "PRAGMA integrity_check")).isEqualTo("ok");
				}
			}
		}
	}

	@Test
	void aRestartedLogEndsWhereTheNewSaltsEndEvenWithOldFramesAfterThem() throws Exception {
		Path file = this.folder.resolve("r.db");
		try (Connection writer = open(file)) {
			execute(writer, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, b BLOB)");
			for (int i = 0; i < 30; i++) {
				execute(writer, "INSERT INTO t (v) VALUES ('" + "x".repeat(3000) + "')");
			}
			WalLog before = WalReader.read(wal(file));
			execute(writer, "PRAGMA wal_checkpoint(RESTART)");
			Path base = Files.copy(file, this.folder.resolve("base.db"));
			execute(writer, "UPDATE t SET v = 'short' WHERE id = 1");
			String expected = digest(writer);

			WalLog after = WalReader.read(wal(file));

			// The file still holds the old log's frames past the new one's end.
			assertThat(Files.size(wal(file))).isGreaterThan(WalReader.HEADER_SIZE
					+ (long) after.frames().size() * (WalReader.FRAME_HEADER_SIZE + after.pageSize()));
			assertThat(after.commits()).isEqualTo(1);
			assertThat(after.salt1()).isNotEqualTo(before.salt1());
			assertThat(after.checkpointSequence()).isEqualTo(before.checkpointSequence() + 1);
			FrameWriter.write(base, after.pageSize(), after.frames());
			try (Connection connection = open(base)) {
				assertThat(digest(connection)).isEqualTo(expected);
			}
		}
	}

	@Test
	void aTransactionStillBeingWrittenIsNotPartOfTheLog() throws Exception {
		Path file = this.folder.resolve("w.db");
		try (Connection writer = open(file)) {
			execute(writer, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
			execute(writer, "PRAGMA cache_size = 2");
			writer.setAutoCommit(false);
			// A transaction larger than the page cache spills frames into the log before it commits.
			for (int i = 0; i < 200; i++) {
				execute(writer, "INSERT INTO t (v) VALUES ('" + "y".repeat(2000) + "')");
			}
			long spilled = (Files.size(wal(file)) - WalReader.HEADER_SIZE)
					/ (WalReader.FRAME_HEADER_SIZE + 4096);

			WalLog log = WalReader.read(wal(file));

			assertThat(spilled).isGreaterThan(log.frames().size());
			assertThat(log.commits()).isEqualTo(1);
			writer.rollback();
		}
	}

	@Test
	void aDamagedFrameEndsTheLogAndADamagedHeaderIsRefused() throws Exception {
		Path file = this.folder.resolve("d.db");
		byte[] bytes;
		try (Connection writer = open(file)) {
			execute(writer, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
			for (int i = 0; i < 5; i++) {
				execute(writer, "INSERT INTO t (v) VALUES ('" + i + "')");
			}
			bytes = Files.readAllBytes(wal(file));
		}
		WalLog whole = WalReader.read(bytes);
		int frameSize = WalReader.FRAME_HEADER_SIZE + whole.pageSize();

		byte[] flipped = bytes.clone();
		int thirdFrame = WalReader.HEADER_SIZE + 2 * frameSize;
		flipped[thirdFrame + WalReader.FRAME_HEADER_SIZE + 100] ^= 1;
		assertThat(WalReader.read(flipped).frames()).hasSize(2);

		byte[] badHeader = bytes.clone();
		badHeader[9] ^= 1;
		assertThatExceptionOfType(InvalidWalException.class).isThrownBy(() -> WalReader.read(badHeader));
		byte[] notAWal = bytes.clone();
		notAWal[0] = 0;
		assertThatExceptionOfType(InvalidWalException.class).isThrownBy(() -> WalReader.read(notAWal))
			.withMessageContaining("not a write-ahead log");
		assertThat(WalReader.read(this.folder.resolve("missing-wal")).frames()).isEmpty();
	}

	private static void randomTransaction(Connection connection, SplittableRandom random) throws SQLException {
		connection.setAutoCommit(false);
		int statements = 1 + random.nextInt(4);
		for (int i = 0; i < statements; i++) {
			// Each transaction inserts first: one that changes nothing writes no frame.
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
		connection.commit();
		connection.setAutoCommit(true);
	}

	private static List<WalFrame> upToCommit(WalLog log, int commit) {
		int seen = -1;
		for (int i = 0; i < log.frames().size(); i++) {
			if (log.frames().get(i).isCommit() && ++seen == commit) {
				return log.frames().subList(0, i + 1);
			}
		}
		throw new IllegalArgumentException("No commit " + commit);
	}

	private static Connection open(Path file) throws SQLException {
		Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
		execute(connection, "PRAGMA journal_mode = WAL");
		execute(connection, "PRAGMA wal_autocheckpoint = 0");
		return connection;
	}

	private static Path wal(Path file) {
		return file.resolveSibling(file.getFileName() + "-wal");
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
			return row.next() ? row.getString(1) : null;
		}
	}

	private static String digest(Connection connection) throws Exception {
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
