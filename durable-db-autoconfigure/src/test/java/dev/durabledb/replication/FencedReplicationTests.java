package dev.durabledb.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.durabledb.backup.BackupOperations;
import dev.durabledb.fixtures.ForwardingObjectStore;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.file.FileObjectStore;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Fenced histories: two nodes (two applications, each with its data dir and its own
 * {@link HistoryFence}) share one store; the test holds their leases. Whoever took an
 * instance over last is the only one that can extend its history.
 */
class FencedReplicationTests {

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	@TempDir
	Path root;

	private final MapFence fenceA = new MapFence();

	private final MapFence fenceB = new MapFence();

	@Test
	void aTakeoverContinuesTheHistoryAsOneChain() {
		node("a", this.fenceA, store()).run((a) -> node("b", this.fenceB, store()).run((b) -> {
			this.fenceA.grant(ACME, 1);
			write(a, "a1", "a2");

			this.fenceB.grant(ACME, 2);
			replicator(b).takeOver(ACME);
			assertThat(bodies(b)).containsExactly("a1", "a2");
			write(b, "b1");

			Replica.Tip tip = replica().tip().orElseThrow();
			assertThat(tip.latest().commit()).isEqualTo(1);
			assertThat(tip.openEnd()).isEqualTo(new Bookmark(tip.latest().generation(), 2));
			assertThat(rebuilt(tip.latest())).containsExactly("a1", "a2", "b1");
			assertThat(replica().generations()).hasSize(2);
			assertThat(this.fenceA.fencedOff).isEmpty();
			assertThat(this.fenceB.fencedOff).isEmpty();
		}));
	}

	@Test
	void theOldOwnerIsFencedOffAndItsWriteIsNotAcknowledged() throws IOException {
		node("a", this.fenceA, store()).run((a) -> node("b", this.fenceB, store()).run((b) -> {
			this.fenceA.grant(ACME, 1);
			write(a, "a1", "a2");
			Bookmark shippedByA = replica().latest().orElseThrow();
			this.fenceB.grant(ACME, 2);
			replicator(b).takeOver(ACME);
			write(b, "b1");

			// A was paused past its lease: it still believes it holds epoch 1.
			NoteActions notesA = a.getBean(NoteActions.class);
			assertThatExceptionOfType(HistoryFencedException.class)
				.isThrownBy(() -> Tenants.run("acme", () -> notesA.add("a3")))
				.withMessageContaining("another writer's")
				.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(ACME));
			assertThat(this.fenceA.fencedOff).containsExactly(ACME);
			// Fenced off, A writes nothing more, not even a new generation.
			List<String> keys = store().list(prefix());
			assertThatExceptionOfType(HistoryFencedException.class)
				.isThrownBy(() -> Tenants.run("acme", () -> notesA.add("a4")));
			assertThat(store().list(prefix())).isEqualTo(keys);

			// A's segment is in the store, unclaimed, and ignored.
			String first = shippedByA.generation();
			String orphan = HexFormat.of().toHexDigits(shippedByA.commit() + 1);
			assertThat(keys).anyMatch((key) -> key.startsWith(prefix() + first + "/" + orphan + "-" + orphan + ".e")
					&& key.endsWith(".segment"));
			Bookmark latest = replica().latest().orElseThrow();
			assertThat(latest.generation()).isNotEqualTo(first);
			assertThat(rebuilt(latest)).containsExactly("a1", "a2", "b1");
			write(b, "b2");
			assertThat(rebuilt(replica().latest().orElseThrow())).containsExactly("a1", "a2", "b1", "b2");
			assertThat(this.fenceB.fencedOff).isEmpty();
		}));
	}

	@Test
	void aTakeoverThatLosesTheClaimToTheOldOwnerReadsTheHistoryAgain() {
		AtomicBoolean raced = new AtomicBoolean();
		Runnable[] oldOwnerWrites = new Runnable[1];
		ObjectStore racing = new ForwardingObjectStore(store()) {
			@Override
			public boolean putIfAbsent(String key, byte[] content) throws IOException {
				if (key.endsWith(".claim") && raced.compareAndSet(false, true)) {
					// The old owner claims the open end between the takeover's read and its claim.
					oldOwnerWrites[0].run();
				}
				return super.putIfAbsent(key, content);
			}
		};
		node("a", this.fenceA, store()).run((a) -> node("b", this.fenceB, racing).run((b) -> {
			this.fenceA.grant(ACME, 1);
			write(a, "a1", "a2");
			oldOwnerWrites[0] = () -> write(a, "a3");

			this.fenceB.grant(ACME, 2);
			replicator(b).takeOver(ACME);

			assertThat(raced).isTrue();
			assertThat(bodies(b)).containsExactly("a1", "a2", "a3");
			write(b, "b1");
			assertThat(rebuilt(replica().latest().orElseThrow())).containsExactly("a1", "a2", "a3", "b1");
			assertThat(this.fenceB.fencedOff).isEmpty();
			NoteActions notesA = a.getBean(NoteActions.class);
			assertThatExceptionOfType(HistoryFencedException.class)
				.isThrownBy(() -> Tenants.run("acme", () -> notesA.add("a4")));
			assertThat(rebuilt(replica().latest().orElseThrow())).containsExactly("a1", "a2", "a3", "b1");
		}));
	}

	@Test
	void aStaleLocalFileIsRebuiltAndKeptAsAPreRestoreBackup() {
		node("a", this.fenceA, store()).run((a) -> node("b", this.fenceB, store()).run((b) -> {
			this.fenceB.grant(ACME, 1);
			write(b, "b1");
			this.fenceA.grant(ACME, 2);
			replicator(a).takeOver(ACME);
			write(a, "a1", "a2");

			this.fenceB.grant(ACME, 3);
			replicator(b).takeOver(ACME);

			assertThat(bodies(b)).containsExactly("b1", "a1", "a2");
			assertThat(b.getBean(BackupOperations.class).list("notes", "acme"))
				.anySatisfy((backup) -> assertThat(backup.reason()).isEqualTo("pre-restore"));
			write(b, "b2");
			assertThat(rebuilt(replica().latest().orElseThrow())).containsExactly("b1", "a1", "a2", "b2");
			assertThat(this.fenceB.fencedOff).isEmpty();
		}));
	}

	@Test
	void aFileThatClosedAtTheStoresLastCommitIsNotRebuilt() {
		node("a", this.fenceA, store()).run((a) -> {
			this.fenceA.grant(ACME, 1);
			write(a, "a1");
			this.fenceA.grant(ACME, 2);
			replicator(a).takeOver(ACME);
			write(a, "a2");

			assertThat(a.getBean(BackupOperations.class).list("notes", "acme")).isEmpty();
			assertThat(rebuilt(replica().latest().orElseThrow())).containsExactly("a1", "a2");
			assertThat(replica().generations()).hasSize(2);
		});
	}

	@Test
	void aTakeoverOfAnEmptyHistoryLeavesTheFileAndTheFirstCommitBeginsIt() {
		node("a", this.fenceA, store()).run((a) -> node("b", this.fenceB, store()).run((b) -> {
			this.fenceB.grant(ACME, 1);
			replicator(b).takeOver(ACME);
			assertThat(store().list(prefix())).isEmpty();
			assertThat(this.root.resolve("b/notes/acme.db")).doesNotExist();

			write(b, "b1");
			assertThat(rebuilt(replica().latest().orElseThrow())).containsExactly("b1");

			// A node that never took the history over writes none of it.
			this.fenceA.grant(ACME, 1);
			List<String> keys = store().list(prefix());
			NoteActions notesA = a.getBean(NoteActions.class);
			assertThatExceptionOfType(HistoryFencedException.class)
				.isThrownBy(() -> Tenants.run("acme", () -> notesA.add("a1")))
				.withMessageContaining("not taken its history over");
			assertThat(store().list(prefix())).isEqualTo(keys);
			assertThat(this.fenceA.fencedOff).isEmpty();
		}));
	}

	@Test
	void withoutALeaseNothingIsWritten() throws IOException {
		node("a", this.fenceA, store()).run((a) -> {
			NoteActions notes = a.getBean(NoteActions.class);
			assertThatExceptionOfType(HistoryFencedException.class)
				.isThrownBy(() -> Tenants.run("acme", () -> notes.add("a1")))
				.withMessageContaining("no lease");
			assertThat(store().list(prefix())).isEmpty();
			assertThat(this.fenceA.fencedOff).isEmpty();
		});
	}

	@Test
	void readersIgnoreUnclaimedSegmentsAndFollowGenerationsWithoutSnapshot() {
		node("a", this.fenceA, store()).run((a) -> node("b", this.fenceB, store()).run((b) -> {
			this.fenceA.grant(ACME, 1);
			write(a, "a1", "a2");
			Bookmark older = replica().latest().orElseThrow();
			this.fenceB.grant(ACME, 2);
			replicator(b).takeOver(ACME);
			write(b, "b1");
			Bookmark latest = replica().latest().orElseThrow();

			// An orphan after B's claimed segment: a copy under another writer's name, unclaimed.
			String generation = prefix() + latest.generation() + "/";
			String claimed = store().list(generation)
				.stream()
				.filter((key) -> key.endsWith(".segment"))
				.findFirst()
				.orElseThrow();
			Path copy = Files.createTempFile(this.root, "orphan", ".segment");
			Files.copy(Path.of(this.root.resolve("backups").toString(), claimed), copy,
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			store().put(generation + "0000000000000002-0000000000000002.e0000000000000009.segment", copy);

			assertThat(replica().latest()).contains(latest);
			assertThat(replica().at(Instant.now().plusSeconds(60))).contains(latest);
			assertThat(rebuilt(older)).containsExactly("a1", "a2");
			assertThat(rebuilt(latest)).containsExactly("a1", "a2", "b1");
			assertThat(Bookmark.parse(a.getBean(Bookmarks.class).at(ACME, Instant.now().plusSeconds(60)).orElseThrow()))
				.isEqualTo(latest);

			// A writer that claimed B's open end for a generation and died before its snapshot.
			String dead = Generation.next(latest.generation(), java.time.Clock.systemUTC());
			assertThat(replica().claim(latest.generation(), 2, Claim.nextGeneration(dead, 3))).isTrue();
			assertThat(replica().latest()).contains(latest);
			assertThat(replica().tip().orElseThrow().openEnd()).isEqualTo(new Bookmark(dead, 1));
			NoteActions notesB = b.getBean(NoteActions.class);
			assertThatExceptionOfType(HistoryFencedException.class)
				.isThrownBy(() -> Tenants.run("acme", () -> notesB.add("b2")));
			assertThat(this.fenceB.fencedOff).containsExactly(ACME);

			// The next owner takes over past it.
			this.fenceA.grant(ACME, 4);
			replicator(a).takeOver(ACME);
			write(a, "a3");
			Bookmark after = replica().latest().orElseThrow();
			assertThat(after.generation()).isGreaterThan(dead);
			assertThat(rebuilt(after)).containsExactly("a1", "a2", "b1", "a3");
			assertThat(rebuilt(older)).containsExactly("a1", "a2");

			// A restore to an older bookmark works on a fenced history, and continues it.
			a.getBean(Bookmarks.class).restore(ACME, older.toString());
			assertThat(bodies(a)).containsExactly("a1", "a2");
			write(a, "a4");
			assertThat(rebuilt(replica().latest().orElseThrow())).containsExactly("a1", "a2", "a4");
		}));
	}

	@Test
	void withoutAFenceNoClaimIsWritten() throws IOException {
		new ReplicationHarness(this.root).replicating()
			.withPropertyValues("durable-db.replication.acknowledge=replicated")
			.run((context) -> {
				ReplicationHarness.write(context, "acme", "one", "two");
				assertThat(store().list(prefix())).isNotEmpty().noneMatch((key) -> key.endsWith(".claim"))
					.allMatch((key) -> key.endsWith("snapshot.db.gz") || key.matches(".*/[0-9a-f]{16}-[0-9a-f]{16}\\.segment"));
			});
	}

	private ApplicationContextRunner node(String name, HistoryFence fence, ObjectStore store) {
		return TestApplications.withActions(this.root.resolve(name))
			.withConfiguration(StarterConfigurations.backups())
			.withConfiguration(AutoConfigurations.of(DurableDbReplicationAutoConfiguration.class))
			.withBean(ObjectStore.class, () -> store)
			.withBean(HistoryFence.class, () -> fence)
			.withPropertyValues("durable-db.replication.enabled=true", "durable-db.replication.sync-interval=1h",
					"durable-db.replication.acknowledge=replicated");
	}

	private ObjectStore store() {
		return new FileObjectStore(this.root.resolve("backups"));
	}

	private Replica replica() {
		return new Replica(store(), "notes", "acme", "acme.db");
	}

	private static String prefix() {
		return Replica.ROOT + "notes/acme.db/";
	}

	private static Replicator replicator(ApplicationContext context) {
		return context.getBean(Replicator.class);
	}

	private static void write(ApplicationContext context, String... bodies) {
		ReplicationHarness.write(context, "acme", bodies);
	}

	private static List<String> bodies(ApplicationContext context) {
		NoteActions notes = context.getBean(NoteActions.class);
		return Tenants.call("acme", notes::bodies);
	}

	private List<String> rebuilt(Bookmark bookmark) {
		try {
			Path target = Files.createTempFile(this.root, "rebuilt", ".db");
			replica().rebuild(bookmark, target);
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + target)) {
				return ReplicationHarness.bodies(connection);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
