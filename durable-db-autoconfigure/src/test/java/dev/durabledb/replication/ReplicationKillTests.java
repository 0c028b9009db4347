package dev.durabledb.replication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM writes from 8 threads to 20 tenants and is killed with SIGKILL; the data dir
 * is then deleted and every tenant recovered from the store alone, and the next child
 * writes on the recovered data dir. In {@code replicated} mode every acknowledged write
 * must be there; in {@code local} mode every write acknowledged 2 s before the kill.
 * <p>
 * {@value #KILLS_PROPERTY} sets the kills per mode (3 and 2 here); the long run is
 * {@code mvn -pl durable-db-autoconfigure test -Dtest=ReplicationKillTests -Ddurabledb.kills=50}.
 */
class ReplicationKillTests {

	private static final String KILLS_PROPERTY = "durabledb.kills";

	@TempDir
	Path root;

	@Test
	void replicatedLosesNoAcknowledgedWrite() throws Exception {
		Figures figures = killAndRecover("replicated", Integer.getInteger(KILLS_PROPERTY, 3), 0);
		System.out.println("replicated: " + figures);
		assertThat(figures.lost).isZero();
	}

	@Test
	void localLosesNoWriteAcknowledgedTwoSecondsBeforeTheKill() throws Exception {
		Figures figures = killAndRecover("local", Integer.getInteger(KILLS_PROPERTY, 2), 2_000_000_000L);
		System.out.println("local: " + figures);
		assertThat(figures.lost).isZero();
	}

	/**
	 * Kills {@code kills} children; after each, recovers from the store alone and counts
	 * the writes acknowledged at least {@code marginNanos} before the kill that are missing.
	 */
	private Figures killAndRecover(String mode, int kills, long marginNanos) throws Exception {
		Random random = new Random(Long.getLong("durabledb.seed", System.nanoTime()));
		Map<String, Set<String>> mustHave = new ConcurrentHashMap<>();
		Figures figures = new Figures();
		ReplicationHarness harness = new ReplicationHarness(this.root);
		for (int kill = 0; kill < kills; kill++) {
			Map<String, Long> acknowledged = new ConcurrentHashMap<>();
			Map<String, String> tenants = new ConcurrentHashMap<>();
			Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), KilledWriter.class.getName(), this.root.toString(), mode,
					"k" + kill)
				.redirectErrorStream(true)
				.start();
			CountDownLatch firstAck = new CountDownLatch(1);
			Thread reader = new Thread(() -> read(child, acknowledged, tenants, firstAck));
			reader.start();
			try {
				assertThat(firstAck.await(2, TimeUnit.MINUTES)).as("the child acknowledged a write").isTrue();
				// The child writes until it is killed: it runs long enough for writes to be 2 s
				// old, for a random time so that kills land anywhere, and may not stop by itself.
				assertThat(child.waitFor(2500 + random.nextInt(1500), TimeUnit.MILLISECONDS))
					.as("the child stopped before its kill").isFalse();
			}
			finally {
				child.destroyForcibly();
			}
			long killedAt = System.nanoTime();
			assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
			reader.join(TimeUnit.MINUTES.toMillis(1));
			acknowledged.forEach((body, at) -> {
				if (at <= killedAt - marginNanos) {
					mustHave.computeIfAbsent(tenants.get(body), (t) -> ConcurrentHashMap.newKeySet()).add(body);
				}
			});
			figures.acknowledged += acknowledged.size();

			FileSystemUtils.deleteRecursively(this.root.resolve("data"));
			harness.replicating()
				.withPropertyValues("durable-db.replication.recover.databases=notes")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					NoteActions notes = context.getBean(NoteActions.class);
					for (Map.Entry<String, Set<String>> tenant : mustHave.entrySet()) {
						Set<String> missing = new HashSet<>(tenant.getValue());
						Tenants.call(tenant.getKey(), notes::bodies).forEach(missing::remove);
						figures.lost += missing.size();
						for (String body : missing) {
							figures.examples.add(tenant.getKey() + "/" + body + " acknowledged "
									+ (killedAt - acknowledged.getOrDefault(body, killedAt)) / 1_000_000 + " ms before the kill");
						}
					}
				});
			figures.kills++;
		}
		figures.checked = mustHave.values().stream().mapToInt(Set::size).sum();
		return figures;
	}

	private static void read(Process child, Map<String, Long> acknowledged, Map<String, String> tenants,
			CountDownLatch firstAck) {
		try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				if (line.startsWith("ACK ")) {
					String[] parts = line.split(" ");
					acknowledged.put(parts[2], System.nanoTime());
					tenants.put(parts[2], parts[1]);
					firstAck.countDown();
				}
			}
		}
		catch (IOException ex) {
			// The child died mid-line.
		}
	}

	/** What the kills showed. */
	private static final class Figures {

		int kills;

		int acknowledged;

		int checked;

		int lost;

		final List<String> examples = new ArrayList<>();

		@Override
		public String toString() {
			return this.kills + " kills, " + this.acknowledged + " writes acknowledged, " + this.checked
					+ " required after recovery, " + this.lost + " lost " + this.examples;
		}

	}

}
