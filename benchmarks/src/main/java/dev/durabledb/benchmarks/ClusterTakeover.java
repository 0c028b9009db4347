package dev.durabledb.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.zaxxer.hikari.HikariDataSource;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 14's {@code cluster.takeover}: seconds from the SIGKILL of the node that serves a
 * 10 MiB tenant to the first write of it served by another node (the dead node's lease
 * running out at the TTL, 10 s by default, then the takeover: the file rebuilt from the
 * store and a new generation claimed). The victim is a JVM of its own (this class's
 * {@code main}), the survivor a node in this JVM; they share a store folder and a lease
 * table in the PostgreSQL of {@code -Dpeer.postgres.url}. Writes are acknowledged once
 * replicated, and the survivor's first write checks that every row the victim
 * acknowledged is there.
 */
final class ClusterTakeover {

	private static final String READY = "TAKEOVER-VICTIM-READY";

	private static final int ROWS = 10 * 1024;

	private ClusterTakeover() {
	}

	static void run(Bench bench) throws Exception {
		String url = System.getProperty("peer.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
		String user = System.getProperty("peer.postgres.user", "postgres");
		String table = "bench_takeover_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		HikariDataSource leases;
		try {
			leases = ClusterBenchmarks.pool(url, user);
		}
		catch (RuntimeException ex) {
			bench.results().skipped("cluster.takeover", "no PostgreSQL at " + url + " (" + ex.getMessage() + ")");
			return;
		}
		Path folder = bench.newFolder("takeover");
		Path store = folder.resolve("store");
		Process victim = start(folder, store, table, url, user);
		try (leases; ConfigurableApplicationContext survivor = ClusterBenchmarks.node(folder.resolve("survivor"), store,
				"survivor", table, leases, "durable-db.replication.acknowledge=replicated")) {
			awaitReady(victim);
			victim.destroyForcibly();
			long killed = System.nanoTime();
			BenchActions actions = survivor.getBean(BenchActions.class);
			int attempts = 0;
			while (true) {
				attempts++;
				try {
					Tenants.run("big", () -> actions.insert("after-takeover", "x"));
					break;
				}
				catch (RuntimeException ex) {
					// The dead node's lease has not run out: its calls fail. Paced, not timed.
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
				}
			}
			double seconds = (System.nanoTime() - killed) / 1e9;
			int rows = Tenants.call("big", () -> actions.count());
			if (rows != ROWS + 1) {
				throw new IllegalStateException("The survivor has " + rows + " rows of big, not " + (ROWS + 1));
			}
			long size = java.nio.file.Files.size(survivor.getBean(InstanceFiles.class).file(new InstanceKey("bench", "big")));
			bench.results().result("cluster.takeover", seconds, "s");
			System.out.printf("  (lease TTL 10 s; tenant file %.1f MiB; %d attempts)%n", size / 1048576.0, attempts);
		}
		finally {
			victim.destroyForcibly();
			try (HikariDataSource cleanup = ClusterBenchmarks.pool(url, user);
					var connection = cleanup.getConnection();
					var statement = connection.createStatement()) {
				statement.execute("DROP TABLE IF EXISTS " + table);
			}
		}
	}

	/** The victim: a node that creates tenant {@code big}, fills it with 10 MiB, says so, and waits to be killed. */
	public static void main(String[] args) throws Exception {
		Path root = Path.of(args[0]);
		try (HikariDataSource leases = ClusterBenchmarks.pool(args[3], args[4])) {
			ConfigurableApplicationContext node = ClusterBenchmarks.node(root.resolve("victim"), Path.of(args[1]), "victim",
					args[2], leases, "durable-db.replication.acknowledge=replicated");
			node.getBean(TenantDirectory.class).create("big");
			BenchActions actions = node.getBean(BenchActions.class);
			String value = Bench.value(1000);
			for (int i = 0; i < ROWS; i += 256) {
				int from = i;
				Tenants.run("big", () -> actions.insertBatch("row" + from + "-", 256, value));
			}
			System.out.println(READY);
			System.out.flush();
			new java.util.concurrent.CountDownLatch(1).await();
		}
	}

	private static Process start(Path root, Path store, String table, String url, String user) throws IOException {
		String javaCommand = ProcessHandle.current().info().command().orElse("java");
		String classPath = System.getProperty("java.class.path");
		List<String> command = new ArrayList<>(List.of(javaCommand, "--enable-native-access=ALL-UNNAMED"));
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			command.addAll(List.of("-Dloader.main=" + ClusterTakeover.class.getName(), "-cp", classPath,
					"org.springframework.boot.loader.launch.PropertiesLauncher"));
		}
		else {
			command.addAll(List.of("-cp", classPath, ClusterTakeover.class.getName()));
		}
		command.addAll(List.of(root.toString(), store.toString(), table, url, user));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	private static void awaitReady(Process victim) throws IOException, InterruptedException {
		BufferedReader lines = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8));
		String line;
		StringBuilder output = new StringBuilder();
		while ((line = lines.readLine()) != null && !line.equals(READY)) {
			output.append(line).append('\n');
		}
		if (line == null) {
			throw new IllegalStateException("The victim stopped before it was ready (exit " + victim.waitFor() + "):\n"
					+ output);
		}
		Thread drain = new Thread(() -> {
			try {
				while (lines.readLine() != null) {
					// Its output until it dies.
				}
			}
			catch (IOException ex) {
				// It died.
			}
		});
		drain.setDaemon(true);
		drain.start();
	}

}
