package dev.durabledb.cluster.nodes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.durabledb.fixtures.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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

	private final LedgerClient client = new LedgerClient();

	/** Per tenant, the acknowledged writes by client sequence. */
	private final Map<String, Map<Long, Entry>> acknowledged = new HashMap<>();

	@BeforeEach
	void startNodes() {
		Postgres.assumeAvailable();
		this.table = Postgres.uniqueName("leases");
		this.nodes = new NodeProcesses(this.root, this.table, "durable-db.cluster.lease-ttl=" + TTL.toMillis() + "ms",
				"durable-db.replication.acknowledge=replicated", "durable-db.cluster.call-timeout=1s");
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
		List<String> tenants = tenants(50);
		for (int i = 0; i < tenants.size(); i++) {
			expectOk(this.client.create(three.get(i % 3), tenants.get(i)), "create " + tenants.get(i));
		}
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < tenants.size(); i++) {
				String tenant = tenants.get(i);
				Entry entry = append(three.get((i + round) % 3), tenant, round);
				// Served by the node that created it and holds it, whichever node was asked.
				assertThat(entry.node()).isEqualTo(three.get(i % 3).id());
				List<Entry> read = this.client.entries(expectOk(this.client.read(three.get((i + round + 1) % 3), tenant),
						"read " + tenant));
				assertThat(read).extracting(Entry::clientSeq).as("%s after round %d", tenant, round)
					.containsExactlyElementsOf(sequence(round + 1));
			}
		}
		tenants.forEach((tenant) -> checkLedger(tenant, three.get(0)));

		// Failures keep their status across nodes: tenant-00 lives on n1, asked through n2.
		NodeProcesses.Node owner = three.get(0);
		NodeProcesses.Node other = three.get(1);
		assertThat(this.client.append(other, "nobody", 0, Duration.ofSeconds(30)).status()).isEqualTo(404);
		assertThat(this.client.append(other, "tenant-00", -1, Duration.ofSeconds(30)).status()).isEqualTo(400);
		CompletableFuture<LedgerClient.Answer> held = CompletableFuture
			.supplyAsync(() -> this.client.appendHeld(owner, "tenant-00", 100));
		awaitHolding(owner);
		LedgerClient.Answer busy = this.client.append(other, "tenant-00", 101, Duration.ofSeconds(30));
		assertThat(busy.status()).as("%s", busy).isEqualTo(503);
		assertThat(busy.body()).contains("instance-busy");
		expectOk(this.client.release(owner), "release");
		expectOk(held.join(), "the held write");
	}

	@Test
	void aKilledNodesTenantsAreServedByTheOthersWithNoAcknowledgedWriteLost() {
		List<NodeProcesses.Node> three = this.nodes.start("n1", "n2", "n3");
		NodeProcesses.Node victim = three.get(0);
		List<String> tenants = tenants(9);
		for (int i = 0; i < tenants.size(); i++) {
			expectOk(this.client.create(three.get(i % 3), tenants.get(i)), "create " + tenants.get(i));
		}
		List<NodeProcesses.Node> survivors = three.subList(1, 3);
		long seq = 0;
		for (; seq < 3; seq++) {
			for (int i = 0; i < tenants.size(); i++) {
				append(survivors.get(i % 2), tenants.get(i), seq);
			}
		}
		long killedAt = System.nanoTime();
		this.nodes.kill(victim);
		long slowest = 0;
		for (; seq < 6; seq++) {
			for (int i = 0; i < tenants.size(); i++) {
				appendRetrying(survivors.get(i % 2), tenants.get(i), seq, Duration.ofSeconds(60));
				if (seq == 3) {
					slowest = Math.max(slowest, System.nanoTime() - killedAt);
				}
			}
		}
		System.out.printf("Killed node's tenants all served again %d ms after SIGKILL (TTL %d ms)%n",
				TimeUnit.NANOSECONDS.toMillis(slowest), TTL.toMillis());
		tenants.forEach((tenant) -> checkLedger(tenant, survivors.get(0)));
	}

	@Test
	void aNodePausedPastItsTtlAcknowledgesNothingItWroteAfterAndTheStoreHoldsOneHistory() {
		List<NodeProcesses.Node> three = this.nodes.start("n1", "n2", "n3");
		NodeProcesses.Node paused = three.get(0);
		NodeProcesses.Node other = three.get(1);
		String tenant = "paused-tenant";
		expectOk(this.client.create(paused, tenant), "create");
		append(paused, tenant, 0);
		append(other, tenant, 1);
		CompletableFuture<LedgerClient.Answer> held = CompletableFuture
			.supplyAsync(() -> this.client.appendHeld(paused, tenant, 2));
		awaitHolding(paused);
		this.nodes.pause(paused);
		appendRetrying(other, tenant, 3, Duration.ofSeconds(60));
		CompletableFuture<LedgerClient.Answer> release = CompletableFuture.supplyAsync(() -> this.client.release(paused));
		this.nodes.resume(paused);
		LedgerClient.Answer late = held.join();
		expectOk(release.join(), "release");
		assertThat(late.ok()).as("the paused node's write after it lost its lease: %s", late).isFalse();
		System.out.printf("The paused node's write, resumed after its lease ran out, was answered %d: %s%n",
				late.status(), late.body());
		append(paused, tenant, 4);
		checkLedger(tenant, other);
		assertThat(this.acknowledged.get(tenant)).doesNotContainKey(2L);

		// The store alone gives the same history, as a node that never had the tenant sees it.
		List<Entry> final0 = this.client.entries(expectOk(this.client.read(other, tenant), "read"));
		this.nodes.close();
		NodeProcesses.Node fresh = this.nodes.start("n4").get(0);
		assertThat(this.client.entries(expectOk(this.client.read(fresh, tenant), "read from the store")))
			.isEqualTo(final0);
	}

	private Entry append(NodeProcesses.Node node, String tenant, long seq) {
		Entry entry = this.client.entry(expectOk(this.client.append(node, tenant, seq, Duration.ofSeconds(30)),
				"append " + seq + " to " + tenant + " through " + node.id()));
		this.acknowledged.computeIfAbsent(tenant, (key) -> new HashMap<>()).put(seq, entry);
		return entry;
	}

	/** Appends until a node serves it: the tenant's owner may have just died. */
	private void appendRetrying(NodeProcesses.Node node, String tenant, long seq, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		LedgerClient.Answer answer;
		do {
			answer = this.client.append(node, tenant, seq, Duration.ofSeconds(30));
			if (answer.ok()) {
				this.acknowledged.computeIfAbsent(tenant, (key) -> new HashMap<>()).put(seq, this.client.entry(answer));
				return;
			}
			// Unavailable while the dead owner's lease runs out: paced, not timed.
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
		}
		while (System.nanoTime() < deadline);
		fail("append " + seq + " to " + tenant + " not served within " + within + ": " + answer + "\n" + this.nodes.logs());
	}

	private void awaitHolding(NodeProcesses.Node node) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!this.client.holding(node)) {
			if (System.nanoTime() > deadline) {
				fail("The held write never started\n" + this.nodes.logs());
			}
			Thread.onSpinWait();
		}
	}

	/**
	 * The tenant's ledger as {@code node} reads it holds every acknowledged write exactly
	 * as acknowledged, its sequence runs 1, 2, 3... without a gap, and its epochs never go
	 * back, each served by one node.
	 */
	private void checkLedger(String tenant, NodeProcesses.Node node) {
		List<Entry> entries = this.client.entries(expectOk(this.client.read(node, tenant), "read " + tenant));
		Map<Long, Entry> byClientSeq = new HashMap<>();
		entries.forEach((entry) -> byClientSeq.put(entry.clientSeq(), entry));
		this.acknowledged.getOrDefault(tenant, Map.of())
			.forEach((seq, entry) -> assertThat(byClientSeq.get(seq)).as("%s write %d", tenant, seq).isEqualTo(entry));
		Map<Long, String> epochNodes = new HashMap<>();
		long lastEpoch = Long.MIN_VALUE;
		for (int i = 0; i < entries.size(); i++) {
			Entry entry = entries.get(i);
			assertThat(entry.localSeq()).as("%s entry %d", tenant, i).isEqualTo(i + 1);
			assertThat(entry.epoch()).as("%s epochs in order", tenant).isGreaterThanOrEqualTo(lastEpoch);
			lastEpoch = entry.epoch();
			String previous = epochNodes.putIfAbsent(entry.epoch(), entry.node());
			assertThat(previous == null || previous.equals(entry.node())).as("%s epoch %d served by one node", tenant,
					entry.epoch()).isTrue();
		}
	}

	private LedgerClient.Answer expectOk(LedgerClient.Answer answer, String what) {
		if (!answer.ok()) {
			fail(what + ": " + answer + "\n" + this.nodes.logs());
		}
		return answer;
	}

	private static List<String> tenants(int count) {
		List<String> tenants = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tenants.add("tenant-%02d".formatted(i));
		}
		return tenants;
	}

	private static List<Long> sequence(int count) {
		List<Long> sequence = new ArrayList<>();
		for (long i = 0; i < count; i++) {
			sequence.add(i);
		}
		return sequence;
	}

}
