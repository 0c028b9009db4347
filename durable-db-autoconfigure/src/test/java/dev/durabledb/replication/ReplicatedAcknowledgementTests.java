package dev.durabledb.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.durabledb.fixtures.Concurrently;
import dev.durabledb.fixtures.ForwardingObjectStore;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.file.FileObjectStore;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@code replicated} acknowledgement: a write action returns only once its commit is
 * in the store, writers waiting together share a round, and a store that does not take
 * the commit fails the action without losing it.
 */
class ReplicatedAcknowledgementTests {

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	@TempDir
	Path root;

	private ReplicationHarness harness;

	@BeforeEach
	void harness() {
		this.harness = new ReplicationHarness(this.root);
	}

	@Test
	void everyWriteIsInTheStoreWhenItReturns() throws Exception {
		replicated().run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			List<String> failures = new CopyOnWriteArrayList<>();
			Concurrently.run(4, (thread) -> () -> {
				for (int i = 0; i < 10; i++) {
					String body = "t" + thread + "-" + i;
					Tenants.run("acme", () -> notes.add(body));
					// No round was asked for, and the sync interval is an hour.
					if (!this.harness.rebuilt(this.harness.replica().latest().orElseThrow()).contains(body)) {
						failures.add(body);
					}
				}
				return null;
			});

			assertThat(failures).isEmpty();
			assertThat(this.harness.rebuilt(this.harness.replica().latest().orElseThrow())).hasSize(40);
		});
	}

	@Test
	void writersWaitingTogetherShareOneRound() throws Exception {
		GatedStore store = new GatedStore(new FileObjectStore(this.root.resolve("backups")));
		replicated().withBean(ObjectStore.class, () -> store).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			ReplicationHarness.write(context, "acme", "zero");
			store.closeGate();
			ExecutorService writers = Executors.newFixedThreadPool(5);
			try {
				Future<?> first = writers.submit(() -> Tenants.run("acme", () -> notes.add("one")));
				store.entered.await(30, TimeUnit.SECONDS);
				List<Future<?>> others = List.of("two", "three", "four", "five")
					.stream()
					.<Future<?>>map((body) -> writers.submit(() -> Tenants.run("acme", () -> notes.add(body))))
					.toList();
				// All four committed while the first one's round is held in the store.
				await().atMost(java.time.Duration.ofSeconds(30))
					.until(() -> Tenants.call("acme", notes::count) == 6);

				store.openGate();
				first.get(30, TimeUnit.SECONDS);
				for (Future<?> other : others) {
					other.get(30, TimeUnit.SECONDS);
				}
			}
			finally {
				writers.shutdownNow();
			}

			// The held round's segment, then one for the four that waited together.
			assertThat(store.segmentCommits).containsExactly(1, 4);
			assertThat(this.harness.rebuilt(this.harness.replica().latest().orElseThrow())).startsWith("zero", "one")
				.containsExactlyInAnyOrder("zero", "one", "two", "three", "four", "five");
		});
	}

	@Test
	void aWriteTheStoreDoesNotTakeFailsAndIsShippedWithTheNextOne() {
		SwitchableStore store = new SwitchableStore(new FileObjectStore(this.root.resolve("backups")));
		replicated().withBean(ObjectStore.class, () -> store).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			ReplicationHarness.write(context, "acme", "one");
			store.down.set(true);

			assertThatExceptionOfType(NotReplicatedException.class)
				.isThrownBy(() -> Tenants.run("acme", () -> notes.add("two")))
				.withMessageContaining("is not in the replica store")
				.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(ACME));
			// Committed here all the same, and nothing in the store lost.
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one", "two");
			assertThat(this.harness.rebuilt(this.harness.replica().latest().orElseThrow())).containsExactly("one");

			store.down.set(false);
			ReplicationHarness.write(context, "acme", "three");
			assertThat(this.harness.rebuilt(this.harness.replica().latest().orElseThrow()))
				.containsExactly("one", "two", "three");
		});
	}

	@Test
	void aLocalWriterShipsItselfOnceTheStoreIsBehindBeyondTheSyncInterval() {
		SettableClock clock = new SettableClock(java.time.Instant.parse("2026-12-02T10:00:00Z"));
		this.harness.replicating().withBean(java.time.Clock.class, () -> clock).run((context) -> {
			ReplicationHarness.write(context, "acme", "one");
			assertThat(this.harness.replica().latest()).isEmpty();

			// The round an hour away has not come: the next writer ships.
			clock.advance(java.time.Duration.ofHours(2));
			ReplicationHarness.write(context, "acme", "two");

			assertThat(this.harness.rebuilt(this.harness.replica().latest().orElseThrow())).containsExactly("one", "two");
		});
	}

	private ApplicationContextRunner replicated() {
		return this.harness.replicating().withPropertyValues("durable-db.replication.acknowledge=replicated");
	}

	/** A real store whose segment puts can be held at a gate; records each segment's commits. */
	static final class GatedStore extends ForwardingObjectStore {

		final CountDownLatch entered = new CountDownLatch(1);

		final List<Integer> segmentCommits = new CopyOnWriteArrayList<>();

		private volatile CountDownLatch gate = new CountDownLatch(0);

		private volatile boolean recording;

		GatedStore(ObjectStore delegate) {
			super(delegate);
		}

		void closeGate() {
			this.gate = new CountDownLatch(1);
			this.recording = true;
		}

		void openGate() {
			this.gate.countDown();
		}

		@Override
		public void put(String key, Path file) throws IOException {
			if (this.recording && key.endsWith(".segment")) {
				String name = key.substring(key.lastIndexOf('/') + 1);
				long firstCommit = Long.parseLong(name.substring(0, 16), 16);
				long lastCommit = Long.parseLong(name.substring(17, 33), 16);
				this.segmentCommits.add((int) (lastCommit - firstCommit + 1));
				this.entered.countDown();
				try {
					this.gate.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException(ex);
				}
			}
			super.put(key, file);
		}

	}

}
