package dev.durabledb.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.file.FileObjectStore;
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
 * Shipping and rebuilding through a real store: a writer with automatic checkpoints off
 * commits a random workload, its log is shipped every few commits and checkpointed (the
 * log restarting) after some shipments, as the starter will; every commit's digest is
 * recorded with its bookmark, and rebuilding at a bookmark must give that digest.
 */
class ReplicaTests {

	private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

	@TempDir
	Path folder;

	@Test
	void everyShippedCommitRebuildsExactlyAcrossSegmentsAndLogRestarts() throws Exception {
		ObjectStore store = new FileObjectStore(this.folder.resolve("store"));
		Replica replica = new Replica(store, "main", "acme", "acme");
		Path file = this.folder.resolve("acme.db");
		List<Bookmark> bookmarks = new ArrayList<>();
		List<String> digests = new ArrayList<>();
		try (Connection writer = open(file)) {
			execute(writer, LoggedFiles.TABLE);
			Shipper shipper = startGeneration(replica, writer, file);
			SplittableRandom random = new SplittableRandom(7);
			for (int commit = 1; commit <= 120; commit++) {
				randomTransaction(writer, random);
				digests.add(digest(writer));
				bookmarks.add(new Bookmark(shipper.generation(), commit));
				if (commit % 5 == 0) {
					ship(replica, shipper, file);
				}
				if (commit % 35 == 0) {
					execute(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
					shipper.checkpointed();
				}
			}
			ship(replica, shipper, file);
			assertThat(shipper.shipped()).isEqualTo(bookmarks.get(119));
		}

		assertThat(replica.latest()).contains(bookmarks.get(119));
		SplittableRandom pick = new SplittableRandom(11);
		for (int i = 0; i < 25; i++) {
			int commit = pick.nextInt(120);
			Path rebuilt = this.folder.resolve("rebuilt-" + i + ".db");
			replica.rebuild(bookmarks.get(commit), rebuilt);
			try (Connection connection = open(rebuilt)) {
				assertThat(digest(connection)).as(bookmarks.get(commit).toString()).isEqualTo(digests.get(commit));
				assertThat(query(connection, "PRAGMA integrity_check")).isEqualTo("ok");
			}
		}
	}

	@Test
	void aGapAMissingCommitOrAnotherInstancesSegmentIsRefused() throws Exception {
		ObjectStore store = new FileObjectStore(this.folder.resolve("store"));
		Replica replica = new Replica(store, "main", "acme", "acme");
		String generation = shipRandomCommits(replica, 9, 3);
		List<String> segments = store.list("replication/main/acme/" + generation + "/")
			.stream()
			.filter((key) -> key.endsWith(".segment"))
			.toList();
		assertThat(segments).hasSize(3);
		Path target = this.folder.resolve("target.db");

		assertThatExceptionOfType(InvalidSegmentException.class)
			.isThrownBy(() -> replica.rebuild(new Bookmark(generation, 10), target))
			.withMessageContaining("ends at commit 9, before 10");

		store.delete(segments.get(1));
		replica.rebuild(new Bookmark(generation, 3), target);
		assertThatExceptionOfType(InvalidSegmentException.class)
			.isThrownBy(() -> replica.rebuild(new Bookmark(generation, 8), target))
			.withMessageContaining("lacks commits 4 to 6");

		Replica globex = new Replica(store, "main", "globex", "globex");
		globex.putSnapshot(generation, this.folder.resolve("snapshot.db"));
		store.put(segments.get(0).replace("/acme/", "/globex/"), store.read(segments.get(0)));
		assertThatExceptionOfType(InvalidSegmentException.class)
			.isThrownBy(() -> globex.rebuild(new Bookmark(generation, 3), target))
			.withMessageContaining("belongs to instance 'main/acme', not 'main/globex'");
	}

	@Test
	void aSnapshotOfAnotherPageSizeIsRefused() throws Exception {
		Replica replica = new Replica(new FileObjectStore(this.folder.resolve("store")), "main", "acme", "acme");
		String generation = shipRandomCommits(replica, 1, 1);
		Path small = this.folder.resolve("small.db");
		try (Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + small)) {
			execute(other, "PRAGMA page_size = 1024");
			execute(other, LoggedFiles.TABLE);
		}
		replica.putSnapshot(generation, small);

		assertThatExceptionOfType(InvalidSegmentException.class)
			.isThrownBy(() -> replica.rebuild(new Bookmark(generation, 1), this.folder.resolve("target.db")))
			.withMessageContaining("page size 4096 is not the snapshot's 1024");
	}

	@Test
	void bookmarksSortAsStringsInCommitOrderAcrossGenerations() {
		java.time.Clock clock = java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC);
		String first = Generation.next(null, clock);
		String second = Generation.next(first, clock);
		List<Bookmark> ordered = List.of(new Bookmark(first, 9), new Bookmark(first, 10), new Bookmark(first, 255),
				new Bookmark(second, 0), new Bookmark(second, 1));

		assertThat(ordered.stream().map(Bookmark::toString).sorted().toList())
			.isEqualTo(ordered.stream().map(Bookmark::toString).toList());
		assertThat(Bookmark.parse(ordered.get(2).toString())).isEqualTo(ordered.get(2));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Bookmark.parse("../etc"));
	}

	/**
	 * Begins a generation of {@code acme.db} in {@code replica}, commits {@code commits}
	 * random transactions and ships every {@code every} of them.
	 * @return the generation
	 */
	private String shipRandomCommits(Replica replica, int commits, int every) throws Exception {
		Path file = this.folder.resolve("acme.db");
		try (Connection writer = open(file)) {
			execute(writer, LoggedFiles.TABLE);
			Shipper shipper = startGeneration(replica, writer, file);
			SplittableRandom random = new SplittableRandom(3);
			for (int commit = 1; commit <= commits; commit++) {
				randomTransaction(writer, random);
				if (commit % every == 0) {
					ship(replica, shipper, file);
				}
			}
			return shipper.generation();
		}
	}

	private static Shipper startGeneration(Replica replica, Connection writer, Path file) throws Exception {
		String generation = Generation.next(null, java.time.Clock.systemUTC());
		execute(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
		Path snapshot = file.resolveSibling("snapshot.db");
		Files.copy(file, snapshot);
		replica.putSnapshot(generation, snapshot);
		return new Shipper("main", "acme", generation, WalReader.read(wal(file)));
	}

	private static void ship(Replica replica, Shipper shipper, Path file) throws Exception {
		Segment segment = shipper.next(WalReader.read(wal(file)), NOW);
		if (segment != null) {
			replica.putSegment(segment, file.getParent());
			shipper.shipped(segment);
		}
	}

}
