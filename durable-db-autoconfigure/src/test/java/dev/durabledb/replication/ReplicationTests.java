package dev.durabledb.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durabledb.DurableDbException;
import dev.durabledb.backup.BackupManifest;
import dev.durabledb.backup.BackupOperations;
import dev.durabledb.backup.BackupReason;
import dev.durabledb.fixtures.ForwardingObjectStore;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.file.FileObjectStore;
import dev.durabledb.tenant.InvalidTenantIdException;
import dev.durabledb.tenant.TenantAlreadyExistsException;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Replication through the starter: actions on tenants, their commits shipped to the file
 * store, and the store alone rebuilding each tenant exactly as its own file says.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplicationTests {

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	@TempDir
	Path root;

	private ReplicationHarness harness;

	@BeforeEach
	void harness() {
		this.harness = new ReplicationHarness(this.root);
	}

	@Test
	void shippedCommitsRebuildExactlyAndEarlierBookmarksStayExact() {
		this.harness.replicating().run((context) -> {
			Replicator replicator = context.getBean(Replicator.class);
			ReplicationHarness.write(context, "acme", "one", "two", "three");
			Bookmark first = replicator.shipNow(ACME);
			ReplicationHarness.write(context, "acme", "four");
			Bookmark second = replicator.shipNow(ACME);

			assertThat(second.generation()).isEqualTo(first.generation());
			assertThat(second.toString()).isGreaterThan(first.toString());
			assertThat(this.harness.rebuilt(first)).containsExactly("one", "two", "three");
			assertThat(this.harness.rebuilt(second)).containsExactly("one", "two", "three", "four");
			assertThat(this.harness.replica().latest()).contains(second);
		});
	}

	@Test
	void theLogIsCheckpointedOnlyOnceShippedAndStaysSmall() {
		this.harness.replicating().withPropertyValues("durable-db.replication.checkpoint-frames=4").run((context) -> {
			Replicator replicator = context.getBean(Replicator.class);
			List<String> bodies = new ArrayList<>();
			long largestLog = 0;
			for (int i = 0; i < 40; i++) {
				bodies.add("note " + i);
				ReplicationHarness.write(context, "acme", "note " + i);
				replicator.shipNow(ACME);
				largestLog = Math.max(largestLog, Files.size(this.harness.wal()));
			}

			assertThat(this.harness.rebuilt(this.harness.replica().latest().orElseThrow())).isEqualTo(bodies);
			// Four frames and their header at the most, and a few of the next round's.
			assertThat(largestLog).isLessThan(12 * (4096 + 24));
		});
	}

	@Test
	void closingShipsTheLastCommitsAndTheNextProcessContinuesTheGeneration() throws Exception {
		this.harness.replicating().run((context) -> {
			ReplicationHarness.write(context, "acme", "one");
			context.getBean(Replicator.class).shipNow(ACME);
			// Not shipped by a round: the sync interval is an hour.
			ReplicationHarness.write(context, "acme", "two", "three");
		});
		Bookmark closed = this.harness.replica().latest().orElseThrow();
		assertThat(this.harness.rebuilt(closed)).containsExactly("one", "two", "three");

		this.harness.replicating().run((context) -> {
			ReplicationHarness.write(context, "acme", "four");
			Bookmark next = context.getBean(Replicator.class).shipNow(ACME);

			// The file closed with everything shipped and is unchanged: no new snapshot.
			assertThat(next.generation()).isEqualTo(closed.generation());
			assertThat(next.commit()).isEqualTo(closed.commit() + 1);
			assertThat(this.harness.replica().generations()).hasSize(1);
			assertThat(this.harness.rebuilt(next)).containsExactly("one", "two", "three", "four");
			assertThat(this.harness.rebuilt(closed)).containsExactly("one", "two", "three");
		});
	}

	@Test
	void anExclusiveOperationBeginsANewGeneration() {
		this.harness.replicating().run((context) -> {
			Replicator replicator = context.getBean(Replicator.class);
			ReplicationHarness.write(context, "acme", "one");
			Bookmark before = replicator.shipNow(ACME);

			context.getBean(InstanceRegistry.class).exclusive(ACME, () -> null);
			ReplicationHarness.write(context, "acme", "two");
			Bookmark after = replicator.shipNow(ACME);

			assertThat(after.generation()).isGreaterThan(before.generation());
			assertThat(this.harness.rebuilt(after)).containsExactly("one", "two");
		});
	}

	@Test
	void aCommitReachesTheStoreWithinTheSyncInterval() {
		this.harness.replicating().withPropertyValues("durable-db.replication.sync-interval=100ms").run((context) -> {
			ReplicationHarness.write(context, "acme", "one", "two");

			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.harness.replica().latest().map(this.harness::rebuilt).orElse(List.of()),
						(bodies) -> bodies.equals(List.of("one", "two")));
		});
	}

	@Test
	void aTenantDeletedBeforeItsRoundIsLetGo() {
		this.harness.replicating().withPropertyValues("durable-db.replication.sync-interval=50ms").run((context) -> {
			Replicator replicator = context.getBean(Replicator.class);
			ReplicationHarness.write(context, "acme", "one");
			replicator.shipNow(ACME);
			ReplicationHarness.write(context, "acme", "two");
			context.getBean(TenantDirectory.class).delete("acme", false);

			// Its round finds it gone: nothing shipped, nothing retried, and (although
			// tenants are created on first use here) the tenant is not brought back.
			await().atMost(Duration.ofSeconds(30)).until(() -> !replicator.follows(ACME));
			assertThat(context.getBean(TenantDirectory.class).list()).doesNotContain("acme");
		});
	}

	@Test
	void aRestoreToABookmarkPutsTheInstanceBackAndItsUndoBookmarkUndoesIt() {
		this.harness.replicating().run((context) -> {
			Bookmarks bookmarks = context.getBean(Bookmarks.class);
			NoteActions notes = context.getBean(NoteActions.class);
			ReplicationHarness.write(context, "acme", "one", "two");
			String bookmark = bookmarks.current(ACME);
			ReplicationHarness.write(context, "acme", "three", "four");

			String undo = bookmarks.restore(ACME, bookmark);

			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one", "two");
			assertThat(context.getBean(BackupOperations.class).list("notes", "acme"))
				.extracting(BackupManifest::reason)
				.containsExactly(BackupReason.PRE_RESTORE.label());
			ReplicationHarness.write(context, "acme", "five");
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one", "two", "five");

			String redo = bookmarks.restore(ACME, undo);

			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one", "two", "three", "four");
			bookmarks.restore(ACME, redo);
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one", "two", "five");
		});
	}

	@Test
	void aRestoreFromABackupAnswersTheBookmarkThatUndoesIt() {
		this.harness.replicating().run((context) -> {
			BackupOperations backups = context.getBean(BackupOperations.class);
			NoteActions notes = context.getBean(NoteActions.class);
			ReplicationHarness.write(context, "acme", "one");
			BackupManifest backup = backups.backup("notes", "acme");
			ReplicationHarness.write(context, "acme", "two");

			String undo = backups.restore("notes", "acme", backup.id()).undoBookmark();

			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one");
			context.getBean(Bookmarks.class).restore(ACME, undo);
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one", "two");
		});
	}

	@Test
	void aRestoreTheStoresHistoryCannotGiveLeavesTheInstanceUntouched() {
		this.harness.replicating().run((context) -> {
			Bookmarks bookmarks = context.getBean(Bookmarks.class);
			NoteActions notes = context.getBean(NoteActions.class);
			ReplicationHarness.write(context, "acme", "one");
			String first = bookmarks.current(ACME);
			ReplicationHarness.write(context, "acme", "two");
			String second = bookmarks.current(ACME);
			String beyond = Bookmark.parse(second).generation() + "-00000000000000ff";
			assertThatExceptionOfType(DurableDbException.class).isThrownBy(() -> bookmarks.restore(ACME, beyond))
				.havingRootCause()
				.withMessageContaining("ends at commit 1, before 255");
			ObjectStore store = new FileObjectStore(this.root.resolve("backups"));
			String segment = store.list("replication/notes/acme.db/")
				.stream()
				.filter((key) -> key.endsWith(".segment"))
				.reduce((a, b) -> b)
				.orElseThrow();
			byte[] bytes = store.read(segment);
			bytes[bytes.length / 2] ^= 0x40;
			store.put(segment, bytes);

			assertThatExceptionOfType(DurableDbException.class).isThrownBy(() -> bookmarks.restore(ACME, second))
				.havingRootCause()
				.isInstanceOf(InvalidSegmentException.class);

			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one", "two");
			assertThat(context.getBean(BackupOperations.class).list("notes", "acme")).isEmpty();
			bookmarks.restore(ACME, first);
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one");
		});
	}

	@Test
	void aForkIsANewTenantHoldingTheInstanceAsItWasAtTheBookmark() {
		this.harness.replicating().run((context) -> {
			Bookmarks bookmarks = context.getBean(Bookmarks.class);
			NoteActions notes = context.getBean(NoteActions.class);
			ReplicationHarness.write(context, "acme", "one", "two");
			String bookmark = bookmarks.current(ACME);
			ReplicationHarness.write(context, "acme", "three");

			bookmarks.fork(ACME, bookmark, "acme-copy");

			assertThat(Tenants.call("acme-copy", notes::bodies)).containsExactly("one", "two");
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one", "two", "three");
			ReplicationHarness.write(context, "acme-copy", "copy only");
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one", "two", "three");
		});
	}

	@Test
	void aForkIntoATakenOrInvalidIdOrFromANonBookmarkIsRefusedAndWritesNothing() {
		this.harness.replicating().run((context) -> {
			Bookmarks bookmarks = context.getBean(Bookmarks.class);
			ReplicationHarness.write(context, "acme", "one");
			ReplicationHarness.write(context, "globex", "theirs");
			String bookmark = bookmarks.current(ACME);

			assertThatExceptionOfType(TenantAlreadyExistsException.class)
				.isThrownBy(() -> bookmarks.fork(ACME, bookmark, "globex"));
			assertThat(Tenants.call("globex", context.getBean(NoteActions.class)::bodies)).containsExactly("theirs");
			assertThatExceptionOfType(InvalidTenantIdException.class)
				.isThrownBy(() -> bookmarks.fork(ACME, bookmark, "../escaped"));
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> bookmarks.fork(ACME, "not-a-bookmark", "copy"))
				.withMessageContaining("Not a bookmark");
			assertThat(context.getBean(TenantDirectory.class).list()).containsExactlyInAnyOrder("acme", "globex");
			try (var left = Files.list(this.root.resolve("data/notes/.durable-db/staging"))) {
				assertThat(left.toList()).isEmpty();
			}
			assertThat(this.root.resolve("data/escaped.db")).doesNotExist();
		});
	}

	@Test
	void theBookmarkAtATimeIsTheLastCommitShippedByThen() {
		SettableClock clock = new SettableClock(Instant.parse("2026-12-02T10:00:00Z"));
		this.harness.replicating().withBean(Clock.class, () -> clock).run((context) -> {
			Bookmarks bookmarks = context.getBean(Bookmarks.class);
			ReplicationHarness.write(context, "acme", "one");
			String first = bookmarks.current(ACME);
			clock.set(Instant.parse("2026-12-02T10:05:00Z"));
			ReplicationHarness.write(context, "acme", "two");
			String second = bookmarks.current(ACME);

			assertThat(bookmarks.at(ACME, Instant.parse("2026-12-02T09:59:59Z"))).isEmpty();
			assertThat(bookmarks.at(ACME, Instant.parse("2026-12-02T10:00:00Z"))).contains(first);
			assertThat(bookmarks.at(ACME, Instant.parse("2026-12-02T10:04:59.999Z"))).contains(first);
			assertThat(bookmarks.at(ACME, Instant.parse("2026-12-02T10:05:00Z"))).contains(second);
			assertThat(bookmarks.at(ACME, Instant.parse("2026-12-03T00:00:00Z"))).contains(second);
		});
	}

	@Test
	void aStoreThatIsDownIsReportedOnceAndCaughtUpOnceItIsBack(CapturedOutput output) {
		SwitchableStore store = new SwitchableStore(new FileObjectStore(this.root.resolve("backups")));
		this.harness.replicating().withBean(ObjectStore.class, () -> store)
			.withPropertyValues("durable-db.replication.sync-interval=20ms")
			.run((context) -> {
				store.down.set(true);
				ReplicationHarness.write(context, "acme", "one", "two");
				await().atMost(Duration.ofSeconds(30)).until(() -> store.refused.get() >= 5);

				store.down.set(false);

				await().atMost(Duration.ofSeconds(30))
					.until(() -> this.harness.replica().latest().map(this.harness::rebuilt).orElse(List.of()),
							(bodies) -> bodies.equals(List.of("one", "two")));
				await().atMost(Duration.ofSeconds(30))
					.until(() -> output.getOut().contains("Shipping the commits of instance 'notes/acme' works again"));
				assertThat(output.getOut().split("Could not ship the commits of instance 'notes/acme'", -1)).hasSize(2);
			});
	}

	@Test
	void replicationWithoutAStoreFailsStartupSayingWhatToDo() {
		TestApplications.withActions(this.root.resolve("data"))
			.withConfiguration(AutoConfigurations.of(DurableDbReplicationAutoConfiguration.class))
			.withPropertyValues("durable-db.replication.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("durable-db.replication.enabled=true ships to the backup store, and there is none"));
	}
}
