package dev.durabledb.instance;

import java.nio.file.Path;

import dev.durabledb.fixtures.Concurrently;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.Tenants;
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
			long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
			while (registry.openInstances() > 0 && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(registry.openInstances()).isZero();
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one");
		});
	}

}
