package dev.durabledb.cluster.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.durabledb.action.ActionRunner;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.cluster.LeaseLostException;
import dev.durabledb.cluster.OwnedElsewhereException;
import dev.durabledb.cluster.remote.NotOwnerException;
import dev.durabledb.fixtures.CounterActions;
import dev.durabledb.fixtures.CountingDataSource;
import dev.durabledb.fixtures.Gate;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.tenant.TenantAlreadyExistsException;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import jakarta.validation.ConstraintViolationException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two nodes in this JVM, routing on: an action runs where its instance's lease is held,
 * an instance nobody holds is taken over from the replica store by the node that needs
 * it, and a write is acknowledged only while its node's lease is valid.
 */
class RoutingTests {

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	@TempDir
	Path root;

	private final String table = Postgres.uniqueName("routing_test");

	private ConfigurableApplicationContext a;

	private ConfigurableApplicationContext b;

	@BeforeAll
	static void postgres() {
		Postgres.assumeAvailable();
	}

	@AfterEach
	void stop() {
		for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { this.a, this.b }) {
			if (node != null && node.isActive()) {
				node.close();
			}
		}
		Postgres.drop(this.table);
	}

	@Test
	void anActionOnAnInstanceAnotherNodeHoldsRunsThereAndNothingIsWrittenHere() {
		this.a = node("node-a");
		this.b = node("node-b");
		this.a.getBean(TenantDirectory.class).create("acme");
		RoutedNotes notesOnB = this.b.getBean(RoutedNotes.class);
		assertThat(Tenants.call("acme", () -> notesOnB.add("from b"))).isEqualTo("node-a");
		assertThat(Tenants.call("acme", notesOnB::notes)).containsExactly("from b");
		assertThat(Files.exists(this.b.getBean(InstanceFiles.class).file(ACME))).isFalse();
		assertThat(this.b.getBean(LeaseKeeper.class).held()).isZero();
	}

	@Test
	void anActionCallsAnActionOfAnotherDatabaseOnTheNodeThatHoldsIt() {
		this.a = node("node-a");
		this.b = node("node-b");
		InstanceKey counters = new InstanceKey("counters", "global");
		this.b.getBean(CounterActions.class).increment("warm-up");
		assertThat(this.b.getBean(LeaseKeeper.class).isValid(counters)).isTrue();
		this.a.getBean(TenantDirectory.class).create("acme");
		RoutedNotes notesOnA = this.a.getBean(RoutedNotes.class);
		assertThat(Tenants.call("acme", () -> notesOnA.addCounted("counted"))).isEqualTo("node-a");
		assertThat(this.a.getBean(CounterActions.class).value("notes")).isEqualTo(1);
		assertThat(this.a.getBean(LeaseKeeper.class).isValid(counters)).isFalse();
		assertThat(Files.exists(this.a.getBean(InstanceFiles.class).file(counters))).isFalse();
	}

	@Test
	void anInstanceThatClosesWhenIdleReleasesItsLeaseAndMovesToTheNextNodeThatNeedsIt() {
		this.a = node("node-a", "durable-db.instances.idle-timeout=200ms");
		this.b = node("node-b");
		this.a.getBean(TenantDirectory.class).create("acme");
		Tenants.run("acme", () -> this.a.getBean(RoutedNotes.class).add("one"));
		LeaseKeeper leasesOnA = this.a.getBean(LeaseKeeper.class);
		Awaitility.await("the idle instance closed and its lease released")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> !leasesOnA.isValid(ACME));
		RoutedNotes notesOnB = this.b.getBean(RoutedNotes.class);
		assertThat(Tenants.call("acme", () -> notesOnB.add("two"))).isEqualTo("node-b");
		assertThat(Tenants.call("acme", notesOnB::notes)).containsExactly("one", "two");
	}

	@Test
	void creatingATenantAnotherNodeServesIsRefused() {
		this.a = node("node-a");
		this.b = node("node-b");
		this.a.getBean(TenantDirectory.class).create("acme");
		assertThatExceptionOfType(TenantAlreadyExistsException.class)
			.isThrownBy(() -> this.b.getBean(TenantDirectory.class).create("acme"));
		assertThat(Files.exists(this.b.getBean(InstanceFiles.class).file(ACME))).isFalse();
	}

	@Test
	void anInstanceItsOwnerLetGoIsTakenOverFromTheStoreByTheNextNodeThatNeedsIt() {
		this.a = node("node-a");
		this.b = node("node-b");
		this.a.getBean(TenantDirectory.class).create("acme");
		RoutedNotes notesOnA = this.a.getBean(RoutedNotes.class);
		Tenants.run("acme", () -> notesOnA.add("one"));
		long epochOnA = this.a.getBean(LeaseKeeper.class).epoch(ACME).orElseThrow();
		// A graceful shutdown ships everything and releases every lease.
		this.a.close();
		RoutedNotes notesOnB = this.b.getBean(RoutedNotes.class);
		assertThat(Tenants.call("acme", () -> notesOnB.add("two"))).isEqualTo("node-b");
		assertThat(Tenants.call("acme", notesOnB::notes)).containsExactly("one", "two");
		assertThat(this.b.getBean(LeaseKeeper.class).epoch(ACME).orElseThrow()).isGreaterThan(epochOnA);

		// And back: A, started again, finds B the owner and sends its calls there.
		this.a = node("node-a");
		RoutedNotes notesOnA2 = this.a.getBean(RoutedNotes.class);
		assertThat(Tenants.call("acme", () -> notesOnA2.add("three"))).isEqualTo("node-b");
		assertThat(Tenants.call("acme", notesOnA2::notes)).containsExactly("one", "two", "three");
	}

	@Test
	void failuresOnTheOwnerComeBackAsTheSameExceptions() throws Exception {
		this.a = node("node-a", "durable-db.action.lock-timeout=200ms");
		this.b = node("node-b");
		this.a.getBean(TenantDirectory.class).create("acme");
		RoutedNotes notesOnA = this.a.getBean(RoutedNotes.class);
		RoutedNotes notesOnB = this.b.getBean(RoutedNotes.class);
		Tenants.run("acme", () -> notesOnA.add("one"));

		// Unknown tenant: nobody holds it, B tries it here and finds nothing, and lets it go.
		assertThatExceptionOfType(InstanceNotFoundException.class)
			.isThrownBy(() -> Tenants.run("nobody", () -> notesOnB.add("x")));
		assertThat(this.b.getBean(LeaseKeeper.class).held()).isZero();
		assertThat(Files.exists(this.b.getBean(InstanceFiles.class).file(new InstanceKey("notes", "nobody")))).isFalse();

		// Invalid arguments are refused on the calling node: nothing is sent.
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> Tenants.run("acme", () -> notesOnB.add(" ")));

		// Busy on the owner: its writer is held.
		Gate gate = this.a.getBean(Gate.class);
		CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> Tenants.call("acme", () -> notesOnA.addHeld("held")));
		gate.awaitHolding();
		assertThatExceptionOfType(InstanceBusyException.class)
			.isThrownBy(() -> Tenants.run("acme", () -> notesOnB.add("waits")));
		gate.open();
		assertThat(held.get()).isEqualTo("node-a");
		assertThat(Tenants.call("acme", notesOnB::notes)).containsExactly("one", "held");

		// Code run through the runner directly cannot be sent: it says where the instance is.
		ActionRunner runnerOnB = this.b.getBean(ActionRunner.class);
		assertThatExceptionOfType(OwnedElsewhereException.class)
			.isThrownBy(() -> Tenants.run("acme", () -> runnerOnB.read("notes", () -> 1)))
			.satisfies((ex) -> assertThat(ex.getOwner()).isEqualTo("node-a"));
	}

	@Test
	void aWriteThatEndsAfterItsLeaseLapsedIsNotAcknowledgedAndNotInTheStore() throws Exception {
		this.a = node("node-a", "durable-db.cluster.lease-ttl=1s");
		this.b = node("node-b", "durable-db.cluster.lease-ttl=1s");
		this.a.getBean(TenantDirectory.class).create("acme");
		RoutedNotes notesOnA = this.a.getBean(RoutedNotes.class);
		Tenants.run("acme", () -> notesOnA.add("one"));
		Gate gate = this.a.getBean(Gate.class);
		CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> Tenants.call("acme", () -> notesOnA.addHeld("late")));
		gate.awaitHolding();
		// A is cut off from PostgreSQL: its renewals fail, and its lease runs out.
		this.a.getBean(CountingDataSource.class).unreachable(true);
		LeaseKeeper leasesOnA = this.a.getBean(LeaseKeeper.class);
		Awaitility.await("A's lease ran out").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
			.until(() -> !leasesOnA.isValid(ACME));
		gate.open();
		assertThat(held).failsWithin(Duration.ofSeconds(30))
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOfAny(LeaseLostException.class, dev.durabledb.replication.HistoryFencedException.class);

		// B takes it over once the lease table lets it (at the TTL, by the database's clock).
		RoutedNotes notesOnB = this.b.getBean(RoutedNotes.class);
		// Until the table lets A's lease expire, A answers that it no longer acts on it.
		String node = Awaitility.await("B took acme over")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.ignoreException(NotOwnerException.class)
			.until(() -> Tenants.call("acme", () -> notesOnB.add("two")), Objects::nonNull);
		assertThat(node).isEqualTo("node-b");
		assertThat(Tenants.call("acme", notesOnB::notes)).containsExactly("one", "two");
	}

	private ConfigurableApplicationContext node(String id, String... properties) {
		return RoutedNodes.start(id, this.root.resolve(id), this.root.resolve("store"), this.table, properties);
	}

}
