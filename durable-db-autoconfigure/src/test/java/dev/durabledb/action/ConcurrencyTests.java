package dev.durabledb.action;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.durabledb.fixtures.Concurrently;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Many writers: every write lands, nothing escapes as SQLITE_BUSY, nothing deadlocks. */
class ConcurrencyTests {

	private static final int THREADS = 32;

	private static final int WRITES_PER_THREAD = 25;

	@TempDir
	Path dataDir;

	@Test
	void thirtyTwoThreadsWritingToOneTenantAllLand() {
		// A wait that runs out is a busy error by design; here the waits are the point, so
		// they may be long on a slow machine, and the template is built before they start.
		TestApplications.withActions(this.dataDir).withPropertyValues("durable-db.action.lock-timeout=60s").run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			assertThat(Tenants.call("acme", notes::count)).isZero();
			Concurrently.run(THREADS, (thread) -> () -> {
				for (int i = 0; i < WRITES_PER_THREAD; i++) {
					String body = "t" + thread + "-" + i;
					Tenants.run("acme", () -> notes.add(body));
				}
				return null;
			});
			List<String> bodies = Tenants.call("acme", notes::bodies);
			assertThat(bodies).hasSize(THREADS * WRITES_PER_THREAD).doesNotHaveDuplicates();
		});
	}

	@Test
	void thirtyTwoThreadsAcrossThirtyTwoTenantsAllLand() {
		TestApplications.withActions(this.dataDir).withPropertyValues("durable-db.action.lock-timeout=60s").run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			assertThat(Tenants.call("tenant-0", notes::count)).isZero();
			Concurrently.run(THREADS, (thread) -> () -> {
				for (int i = 0; i < WRITES_PER_THREAD; i++) {
					String body = "n" + i;
					Tenants.run("tenant-" + thread, () -> notes.add(body));
				}
				return null;
			});
			for (int thread = 0; thread < THREADS; thread++) {
				assertThat(Tenants.call("tenant-" + thread, notes::count)).isEqualTo(WRITES_PER_THREAD);
			}
		});
	}

	@Test
	void twoThreadsCallingAcrossTwoTenantsInOppositeOrdersBothFinishWithinTheBoundedWait() {
		TestApplications.withActions(this.dataDir)
			.withPropertyValues("durable-db.action.lock-timeout=300ms")
			.run((context) -> {
				NoteActions notes = context.getBean(NoteActions.class);
				Tenants.run("a", () -> notes.add("a0"));
				Tenants.run("b", () -> notes.add("b0"));
				CyclicBarrier bothInside = new CyclicBarrier(2);
				List<Future<String>> results = new ArrayList<>();
				ExecutorService threads = Executors.newFixedThreadPool(2);
				try {
					results.add(threads.submit(() -> crossCall(notes, "a", "b", bothInside)));
					results.add(threads.submit(() -> crossCall(notes, "b", "a", bothInside)));
					List<String> outcomes = new ArrayList<>();
					for (Future<String> result : results) {
						// Far beyond two lock timeouts: a deadlock would hang here.
						outcomes.add(result.get(30, TimeUnit.SECONDS));
					}
					assertThat(outcomes).allMatch((outcome) -> outcome.equals("done") || outcome.equals("busy"));
					assertThat(outcomes).contains("busy");
				}
				finally {
					threads.shutdownNow();
				}
				// The busy side rolled back entirely; the other side committed both writes.
				int a = Tenants.call("a", notes::count);
				int b = Tenants.call("b", notes::count);
				assertThat(a + b).isIn(2, 4);
			});
	}

	private static String crossCall(NoteActions notes, String first, String second, CyclicBarrier bothInside)
			throws Exception {
		try {
			Tenants.call(first, () -> notes.inside(() -> {
				notes.add(first + "1");
				bothInside.await(10, TimeUnit.SECONDS);
				return Tenants.call(second, () -> notes.add(first + "->" + second));
			}));
			return "done";
		}
		catch (InstanceBusyException ex) {
			assertThat(ex.getRetryAfter()).isPositive();
			return "busy";
		}
	}

}
