package dev.durabledb.instance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.durabledb.fixtures.Concurrently;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.Tenants;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache of open instances stays bounded and never closes an instance in use. */
class EvictionTests {

	private static final int TENANTS = 50;

	private static final int THREADS = 8;

	private static final int ROUNDS = 6;

	@TempDir
	Path dataDir;

	@Test
	void fiftyTenantsFromEightThreadsWithMaxOpenFour() {
		TestApplications.withActions(this.dataDir).withPropertyValues("durable-db.instances.max-open=4").run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			InstanceRegistry registry = context.getBean(InstanceRegistry.class);
			Concurrently.run(THREADS, (thread) -> () -> {
				for (int round = 0; round < ROUNDS; round++) {
					for (int i = thread; i < TENANTS; i += THREADS) {
						String tenant = "tenant-" + i;
						String body = "round-" + round;
						Tenants.call(tenant, () -> notes.add(body));
					}
				}
				return null;
			});
			for (int i = 0; i < TENANTS; i++) {
				assertThat(Tenants.call("tenant-" + i, notes::bodies)).as("tenant-" + i)
					.containsExactly("round-0", "round-1", "round-2", "round-3", "round-4", "round-5");
			}
			// The census updates its peak under one lock at every transition; reading the
			// open and in-use counts separately from a test thread would tear.
			assertThat(registry.peakIdleInstances()).isLessThanOrEqualTo(4);
			assertThat(registry.openInstances()).isLessThanOrEqualTo(4);
		});
	}

	@Test
	void idleInstancesCloseAfterTheIdleTimeout() {
		TestApplications.withActions(this.dataDir).withPropertyValues("durable-db.instances.idle-timeout=50ms").run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			InstanceRegistry registry = context.getBean(InstanceRegistry.class);
			Tenants.run("acme", () -> notes.add("one"));
			Awaitility.await("idle instances closed")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(10))
				.until(registry::openInstances, (open) -> open == 0);
			// Closed, not only counted out: with nothing else happening, its connections close,
			// and the last one folds the log into the file and deletes it.
			Path wal = context.getBean(InstanceFiles.class).file(new InstanceKey("notes", "acme")).resolveSibling("acme.db-wal");
			Awaitility.await("the idle instance's connections closed")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> !Files.exists(wal));
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one");
		});
	}

	@Test
	void anInstanceInUseLongerThanTheIdleTimeoutStaysTheOnlyInstanceOfItsTenant() {
		TestApplications.withActions(this.dataDir).withPropertyValues("durable-db.instances.idle-timeout=100ms").run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			InstanceRegistry registry = context.getBean(InstanceRegistry.class);
			CountDownLatch inside = new CountDownLatch(1);
			CountDownLatch finish = new CountDownLatch(1);
			ExecutorService thread = Executors.newSingleThreadExecutor();
			try {
				Future<Long> longAction = thread.submit(() -> Tenants.call("acme", () -> notes.inside(() -> {
					inside.countDown();
					assertThat(finish.await(30, TimeUnit.SECONDS)).isTrue();
					return notes.add("long");
				})));
				assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
				long opens = registry.opens();
				// The instance was last acquired longer ago than the idle timeout: expired for the
				// cache, yet in use, so it must be the one the next action gets.
				long idleSince = System.nanoTime();
				Awaitility.await().atMost(Duration.ofSeconds(30))
					.until(() -> System.nanoTime() - idleSince > Duration.ofMillis(300).toNanos());
				assertThat(Tenants.call("acme", notes::count)).isZero();
				assertThat(registry.opens()).isEqualTo(opens);
				assertThat(registry.openInstances()).isOne();
				finish.countDown();
				assertThat(longAction.get(30, TimeUnit.SECONDS)).isPositive();
			}
			finally {
				finish.countDown();
				thread.shutdownNow();
			}
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("long");
		});
	}

}
