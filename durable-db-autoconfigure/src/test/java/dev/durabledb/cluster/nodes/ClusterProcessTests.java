package dev.durabledb.cluster.nodes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.durabledb.fixtures.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three nodes, each a JVM of its own, share tenants through leases in PostgreSQL and a
 * replica store in a shared folder, writes acknowledged once replicated. Every write
 * records who made it (node, lease epoch, the tenant's sequence); each test checks that
 * every acknowledged write is in the tenant's final ledger exactly as acknowledged, which
 * fails if two nodes ever served one tenant at once or a write was lost.
 */
class ClusterProcessTests {

	private static final Duration TTL = Duration.ofSeconds(2);

	@TempDir
	Path root;

	private String table;

	private NodeProcesses nodes;

	private final Ledgers ledgers = new Ledgers(() -> this.nodes.logs());

	private final LedgerClient client = this.ledgers.client;

	@BeforeEach
	void startNodes() {
		Postgres.assumeAvailable();
		this.table = Postgres.uniqueName("leases");
		this.nodes = new NodeProcesses(this.root, this.table, NodeProcesses.replicated(TTL));
	}

	@AfterEach
	void stopNodes() {
		if (this.nodes != null) {
			this.nodes.close();
			Postgres.drop(this.table);
		}
	}

	@Test
	void fiftyTenantsRoundRobinOverThreeNodesReadTheirWrites() {
		List<NodeProcesses.Node> three = this.nodes.start("n1", "n2", "n3");
		List<String> tenants = Ledgers.tenants(50);
		for (int i = 0; i < tenants.size(); i++) {
			this.ledgers.expectOk(this.client.create(three.get(i % 3), tenants.get(i)), "create " + tenants.get(i));
		}
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < tenants.size(); i++) {
				String tenant = tenants.get(i);
				Entry entry = this.ledgers.append(three.get((i + round) % 3), tenant, round);
				// Served by the node that created it and holds it, whichever node was asked.
				assertThat(entry.node()).isEqualTo(three.get(i % 3).id());
				List<Entry> read = this.client.entries(this.ledgers.expectOk(this.client.read(three.get((i + round + 1) % 3), tenant),
						"read " + tenant));
				assertThat(read).extracting(Entry::clientSeq).as("%s after round %d", tenant, round)
					.containsExactlyElementsOf(Ledgers.sequence(round + 1));
			}
		}
		tenants.forEach((tenant) -> this.ledgers.checkLedger(tenant, three.get(0)));

		// Failures keep their status across nodes: tenant-00 lives on n1, asked through n2.
		NodeProcesses.Node owner = three.get(0);
		NodeProcesses.Node other = three.get(1);
		assertThat(this.client.append(other, "nobody", 0, Duration.ofSeconds(30)).status()).isEqualTo(404);
		assertThat(this.client.append(other, "tenant-00", -1, Duration.ofSeconds(30)).status()).isEqualTo(400);
		CompletableFuture<LedgerClient.Answer> held = CompletableFuture
			.supplyAsync(() -> this.client.appendHeld(owner, "tenant-00", 100));
		this.ledgers.awaitHolding(owner);
		LedgerClient.Answer busy = this.client.append(other, "tenant-00", 101, Duration.ofSeconds(30));
		assertThat(busy.status()).as("%s", busy).isEqualTo(503);
		assertThat(busy.body()).contains("instance-busy");
		this.ledgers.expectOk(this.client.release(owner), "release");
		this.ledgers.expectOk(held.join(), "the held write");
	}

	@Test
	void aKilledNodesTenantsAreServedByTheOthersWithNoAcknowledgedWriteLost() {
		this.ledgers.killOneOfThree(this.nodes, "a shared folder", TTL);
	}

	@Test
	void aNodePausedPastItsTtlAcknowledgesNothingItWroteAfterAndTheStoreHoldsOneHistory() {
		List<NodeProcesses.Node> three = this.nodes.start("n1", "n2", "n3");
		NodeProcesses.Node paused = three.get(0);
		NodeProcesses.Node other = three.get(1);
		String tenant = "paused-tenant";
		this.ledgers.expectOk(this.client.create(paused, tenant), "create");
		this.ledgers.append(paused, tenant, 0);
		this.ledgers.append(other, tenant, 1);
		CompletableFuture<LedgerClient.Answer> held = CompletableFuture
			.supplyAsync(() -> this.client.appendHeld(paused, tenant, 2));
		this.ledgers.awaitHolding(paused);
		this.nodes.pause(paused);
		this.ledgers.appendRetrying(other, tenant, 3, Duration.ofSeconds(60));
		CompletableFuture<LedgerClient.Answer> release = CompletableFuture.supplyAsync(() -> this.client.release(paused));
		this.nodes.resume(paused);
		LedgerClient.Answer late = held.join();
		this.ledgers.expectOk(release.join(), "release");
		assertThat(late.ok()).as("the paused node's write after it lost its lease: %s", late).isFalse();
		System.out.printf("The paused node's write, resumed after its lease ran out, was answered %d: %s%n",
				late.status(), late.body());
		this.ledgers.append(paused, tenant, 4);
		this.ledgers.checkLedger(tenant, other);
		assertThat(this.ledgers.acknowledged.get(tenant)).doesNotContainKey(2L);

		// The store alone gives the same history, as a node that never had the tenant sees it.
		List<Entry> final0 = this.client.entries(this.ledgers.expectOk(this.client.read(other, tenant), "read"));
		this.nodes.close();
		NodeProcesses.Node fresh = this.nodes.start("n4").get(0);
		assertThat(this.client.entries(this.ledgers.expectOk(this.client.read(fresh, tenant), "read from the store")))
			.isEqualTo(final0);
	}

}
