package dev.durabledb.cluster.nodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What the multi-process tests do to ledger nodes and check of them: the writes each
 * acknowledged, and whether every tenant's ledger holds them exactly, written by one node
 * per epoch in one unbroken sequence.
 */
final class Ledgers {

	final LedgerClient client = new LedgerClient();

	/** Per tenant, the acknowledged writes by client sequence. */
	final Map<String, Map<Long, Entry>> acknowledged = new HashMap<>();

	/** The nodes' logs, for failure messages. */
	private final Supplier<String> logs;

	Ledgers(Supplier<String> logs) {
		this.logs = logs;
	}

	Entry append(NodeProcesses.Node node, String tenant, long seq) {
		Entry entry = this.client.entry(expectOk(this.client.append(node, tenant, seq, Duration.ofSeconds(30)),
				"append " + seq + " to " + tenant + " through " + node.id()));
		this.acknowledged.computeIfAbsent(tenant, (key) -> new HashMap<>()).put(seq, entry);
		return entry;
	}

	/** Appends until a node serves it: the tenant's owner may have just died. */
	void appendRetrying(NodeProcesses.Node node, String tenant, long seq, Duration within) {
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
		fail("append " + seq + " to " + tenant + " not served within " + within + ": " + answer + "\n" + this.logs.get());
	}

	void awaitHolding(NodeProcesses.Node node) {
		Awaitility.await("the held write started on " + node.id() + "\n" + this.logs.get())
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.client.holding(node));
	}

	/**
	 * The tenant's ledger as {@code node} reads it holds every acknowledged write exactly
	 * as acknowledged, its sequence runs 1, 2, 3... without a gap, and its epochs never go
	 * back, each served by one node.
	 */
	void checkLedger(String tenant, NodeProcesses.Node node) {
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

	LedgerClient.Answer expectOk(LedgerClient.Answer answer, String what) {
		if (!answer.ok()) {
			fail(what + ": " + answer + "\n" + this.logs.get());
		}
		return answer;
	}

	static List<String> tenants(int count) {
		List<String> tenants = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tenants.add("tenant-%02d".formatted(i));
		}
		return tenants;
	}

	static List<Long> sequence(int count) {
		List<Long> sequence = new ArrayList<>();
		for (long i = 0; i < count; i++) {
			sequence.add(i);
		}
		return sequence;
	}

	/**
	 * Three nodes share nine tenants; the first is killed (SIGKILL) while the others write:
	 * every tenant is served again, and every acknowledged write is still there.
	 */
	void killOneOfThree(NodeProcesses processes, String store, Duration ttl) {
		List<NodeProcesses.Node> three = processes.start("n1", "n2", "n3");
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
		processes.kill(victim);
		long slowest = 0;
		for (; seq < 6; seq++) {
			for (int i = 0; i < tenants.size(); i++) {
				appendRetrying(survivors.get(i % 2), tenants.get(i), seq, Duration.ofSeconds(60));
				if (seq == 3) {
					slowest = Math.max(slowest, System.nanoTime() - killedAt);
				}
			}
		}
		System.out.printf("Killed node's tenants all served again %d ms after SIGKILL (TTL %d ms, store %s)%n",
				TimeUnit.NANOSECONDS.toMillis(slowest), ttl.toMillis(), store);
		tenants.forEach((tenant) -> checkLedger(tenant, survivors.get(0)));
	}

}
