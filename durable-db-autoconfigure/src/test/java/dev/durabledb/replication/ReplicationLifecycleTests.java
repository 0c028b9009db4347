package dev.durabledb.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.file.FileObjectStore;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance's history across opens, closes, crashes and time: what continues a
 * generation, what begins one, and what retention deletes.
 */
class ReplicationLifecycleTests {

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	@TempDir
	Path root;

	private ReplicationHarness harness;

	@BeforeEach
	void harness() {
		this.harness = new ReplicationHarness(this.root);
	}

	@Test
	void whatACrashLeftInTheLogIsInTheStoreBeforeTheFirstAction() throws Exception {
		Path crashed = this.root.resolve("crashed");
		this.harness.replicating().run((context) -> {
			ReplicationHarness.write(context, "acme", "one");
			context.getBean(Replicator.class).shipNow(ACME);
			ReplicationHarness.write(context, "acme", "two", "three");
			// What a kill leaves: the file, its log with two commits never shipped, and a
			// store that lacks them.
			context.getBean(InstanceRegistry.class).withWriterLock(ACME, () -> {
				copy(this.root.resolve("data"), crashed.resolve("data"));
				copy(this.root.resolve("backups"), crashed.resolve("backups"));
				return null;
			});
		});
		ReplicationHarness afterCrash = new ReplicationHarness(crashed);
		assertThat(afterCrash.rebuilt(afterCrash.replica().latest().orElseThrow())).containsExactly("one");

		afterCrash.replicating().run((context) -> {
			// A read is the first action: the instance opens, and begins a generation first.
			assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::bodies)).hasSize(3);

			Bookmark latest = afterCrash.replica().latest().orElseThrow();
			assertThat(afterCrash.replica().generations()).hasSize(2);
			assertThat(afterCrash.rebuilt(latest)).containsExactly("one", "two", "three");
		});
	}

	@Test
	void aFileChangedWhileClosedBeginsANewGenerationHoldingTheChange() throws Exception {
		this.harness.replicating().run((context) -> ReplicationHarness.write(context, "acme", "one"));
		Bookmark closed = this.harness.replica().latest().orElseThrow();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.root.resolve("data/notes/acme.db"));
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO notes (body) VALUES ('by hand')");
		}

		this.harness.replicating().run((context) -> {
			ReplicationHarness.write(context, "acme", "two");
			Bookmark next = context.getBean(Replicator.class).shipNow(ACME);

			assertThat(next.generation()).isGreaterThan(closed.generation());
			assertThat(this.harness.rebuilt(next)).containsExactly("one", "by hand", "two");
		});
	}

	@Test
	void aStoreThatLostTheHistoryWhileTheFileWasClosedGetsANewGeneration() throws Exception {
		this.harness.replicating().run((context) -> ReplicationHarness.write(context, "acme", "one", "two"));
		FileSystemUtils.deleteRecursively(this.root.resolve("backups"));

		this.harness.replicating().run((context) -> {
			ReplicationHarness.write(context, "acme", "three");
			Bookmark next = context.getBean(Replicator.class).shipNow(ACME);

			assertThat(this.harness.replica().generations()).containsExactly(next.generation());
			assertThat(this.harness.rebuilt(next)).containsExactly("one", "two", "three");
		});
	}

	@Test
	void aGenerationWhoseSegmentsOutgrowItsSnapshotIsFollowedByANewOneAndBothStayExact() {
		this.harness.replicating()
			.withPropertyValues("durable-db.replication.checkpoint-frames=200",
					"durable-db.replication.snapshot-minimum-segments=100KB")
			.run((context) -> {
				Replicator replicator = context.getBean(Replicator.class);
				List<String> bodies = new ArrayList<>();
				List<Bookmark> bookmarks = new ArrayList<>();
				for (int i = 0; i < 700; i++) {
					bodies.add("note " + i);
					ReplicationHarness.write(context, "acme", "note " + i);
					if (i % 50 == 49) {
						bookmarks.add(replicator.shipNow(ACME));
					}
				}

				assertThat(this.harness.replica().generations()).hasSizeGreaterThan(1);
				for (int i = 0; i < bookmarks.size(); i++) {
					assertThat(this.harness.rebuilt(bookmarks.get(i))).isEqualTo(bodies.subList(0, 50 * (i + 1)));
				}
			});
	}

	@Test
	void retentionDeletesOnlyGenerationsNoRestoreInsideTheWindowNeeds() {
		SettableClock clock = new SettableClock(Instant.parse("2026-10-01T10:00:00Z"));
		this.harness.replicating().withBean(Clock.class, () -> clock).run((context) -> {
			Replicator replicator = context.getBean(Replicator.class);
			InstanceRegistry registry = context.getBean(InstanceRegistry.class);
			ReplicationHarness.write(context, "acme", "one");
			Bookmark first = replicator.shipNow(ACME);
			clock.advance(Duration.ofHours(1));
			registry.exclusive(ACME, () -> null);
			ReplicationHarness.write(context, "acme", "two");
			Bookmark second = replicator.shipNow(ACME);

			clock.advance(Duration.ofDays(31));
			registry.exclusive(ACME, () -> null);
			ReplicationHarness.write(context, "acme", "three");
			Bookmark third = replicator.shipNow(ACME);

			// A restore to 30 days ago needs the second generation; none needs the first.
			assertThat(this.harness.replica().generations()).containsExactly(second.generation(), third.generation());
			assertThat(this.harness.store().list("replication/notes/acme.db/" + first.generation())).isEmpty();
			assertThat(this.harness.rebuilt(second)).containsExactly("one", "two");
			assertThat(context.getBean(Bookmarks.class).at(ACME, clock.instant().minus(Duration.ofDays(30))))
				.contains(second.toString());
		});
	}

	@Test
	void lagIsHowLongTheOldestCommitNotInTheStoreHasWaited() {
		SettableClock clock = new SettableClock(Instant.parse("2026-12-02T10:00:00Z"));
		SwitchableStore store = new SwitchableStore(new FileObjectStore(this.root.resolve("backups")));
		this.harness.replicating().withBean(Clock.class, () -> clock).withBean(ObjectStore.class, () -> store).run((context) -> {
			Bookmarks bookmarks = context.getBean(Bookmarks.class);
			store.down.set(true);
			ReplicationHarness.write(context, "acme", "one");
			clock.advance(Duration.ofSeconds(90));
			ReplicationHarness.write(context, "acme", "two");

			assertThat(bookmarks.lag()).isEqualTo(Duration.ofSeconds(90));

			store.down.set(false);
			bookmarks.current(ACME);
			assertThat(bookmarks.lag()).isZero();
		});
	}

	private static void copy(Path from, Path to) throws IOException {
		try (var paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else if (!path.getFileName().toString().endsWith("-shm") && !path.getFileName().toString().endsWith(".lock")) {
					Files.copy(path, target);
				}
			}
		}
	}

}
