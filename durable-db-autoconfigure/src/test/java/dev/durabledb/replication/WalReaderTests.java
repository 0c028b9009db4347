package dev.durabledb.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.durabledb.replication.LoggedFiles.digest;
import static dev.durabledb.replication.LoggedFiles.execute;
import static dev.durabledb.replication.LoggedFiles.open;
import static dev.durabledb.replication.LoggedFiles.query;
import static dev.durabledb.replication.LoggedFiles.randomTransaction;
import static dev.durabledb.replication.LoggedFiles.wal;
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
			execute(writer, LoggedFiles.TABLE);
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
	void aReadFromACursorTakesOnlyTheFramesAfterItAndStillChecksThem() throws Exception {
		Path file = this.folder.resolve("c.db");
		try (Connection writer = open(file)) {
			execute(writer, LoggedFiles.TABLE);
			SplittableRandom random = new SplittableRandom(9);
			for (int commit = 0; commit < 10; commit++) {
				randomTransaction(writer, random);
			}
			WalLog first = WalReader.read(wal(file));
			for (int commit = 0; commit < 10; commit++) {
				randomTransaction(writer, random);
			}

			WalLog whole = WalReader.read(wal(file));
			WalLog rest = WalReader.read(wal(file), first.end());

			assertThat(rest.start()).isEqualTo(first.size());
			assertThat(rest.end()).isEqualTo(whole.end());
			assertThat(rest.frames()).hasSize(whole.size() - first.size());
			for (int i = 0; i < rest.frames().size(); i++) {
				assertThat(rest.frames().get(i).page()).isEqualTo(whole.frames().get(first.size() + i).page());
			}
			assertThat(WalReader.read(wal(file), whole.end()).frames()).isEmpty();

			// A damaged frame after the cursor ends the log there, as in a whole read.
			byte[] bytes = Files.readAllBytes(wal(file));
			int frameSize = WalReader.FRAME_HEADER_SIZE + whole.pageSize();
			bytes[WalReader.HEADER_SIZE + (first.size() + 1) * frameSize + 100] ^= 0x01;
			Files.write(wal(file), bytes);
			assertThat(WalReader.read(wal(file), first.end()).end()).isEqualTo(WalReader.read(wal(file)).end());
			assertThat(WalReader.read(wal(file), first.end()).size()).isLessThan(whole.size());
		}
	}

	@Test
	void aRestartedLogEndsWhereTheNewSaltsEndEvenWithOldFramesAfterThem() throws Exception {
		Path file = this.folder.resolve("r.db");
		try (Connection writer = open(file)) {
			execute(writer, LoggedFiles.TABLE);
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

	private static List<WalFrame> upToCommit(WalLog log, int commit) {
		int seen = -1;
		for (int i = 0; i < log.frames().size(); i++) {
			if (log.frames().get(i).isCommit() && ++seen == commit) {
				return log.frames().subList(0, i + 1);
			}
		}
		throw new IllegalArgumentException("No commit " + commit);
	}

}
