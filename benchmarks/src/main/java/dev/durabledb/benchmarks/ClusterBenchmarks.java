package dev.durabledb.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.durabledb.cluster.Acquisition;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 14's {@code cluster.remote_vs_local}: the p50 of a one-row write action called on
 * a node that does not hold its tenant, routed to the node that does (the owner looked up,
 * or remembered, then a signed HTTP call on loopback, the arguments and result as JSON,
 * the owner running the action), against the same action called on the owner itself. Two
 * nodes in one JVM, each a web application on a loopback port, replicating to a store
 * folder they share, their leases in the PostgreSQL at {@code -Dpeer.postgres.url}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/test}); skipped with a line that says why
 * when it cannot be reached. Beside it, the floor: an unsigned POST of the same size to the
 * same endpoint, refused by its filter at once (the HTTP round trip on loopback, nothing of
 * durable-db's work).
 */
final class ClusterBenchmarks {

	private static final String SECRET = "benchmark-cluster-secret-of-32-characters";

	private ClusterBenchmarks() {
	}

	static void run(Bench bench) throws Exception {
		String url = System.getProperty("peer.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
		String user = System.getProperty("peer.postgres.user", "postgres");
		String table = "bench_lease_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		HikariDataSource leases;
		try {
			leases = pool(url, user);
		}
		catch (RuntimeException ex) {
			bench.results().skipped("cluster.remote_vs_local", "no PostgreSQL at " + url + " (" + ex.getMessage() + ")");
			bench.results().skipped("cluster.takeover", "no PostgreSQL at " + url + " (" + ex.getMessage() + ")");
			return;
		}
		Sizes sizes = bench.sizes();
		Path folder = bench.newFolder("cluster");
		Path store = folder.resolve("store");
		try (leases; ConfigurableApplicationContext owner = node(folder.resolve("owner"), store, "owner", table, leases);
				ConfigurableApplicationContext caller = node(folder.resolve("caller"), store, "caller", table, leases)) {
			InstanceKey acme = new InstanceKey("bench", "acme");
			owner.getBean(TenantDirectory.class).create("acme");
			if (!(owner.getBean(LeaseKeeper.class).acquire(acme) instanceof Acquisition.Granted)) {
				throw new IllegalStateException("The owner node could not take the lease of " + acme);
			}
			Acquisition seen = caller.getBean(LeaseKeeper.class).acquire(acme);
			if (!(seen instanceof Acquisition.Refused refused)) {
				throw new IllegalStateException("The caller node took the lease the owner holds: " + seen);
			}
			BenchActions actions = owner.getBean(BenchActions.class);
			BenchActions routed = caller.getBean(BenchActions.class);
			String value = Bench.value(100);
			int calls = sizes.oneRowRounds() * 10;
			int warmups = sizes.oneRowWarmups() * 10;
			long[] local = new long[calls];
			long[] remote = new long[calls];
			long[] floor = new long[calls];
			// The floor: the same HTTP round trip (client, loopback, Tomcat, the endpoint's filter),
			// refused at once for want of a signature, so no JSON, no lease check, no action.
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			HttpRequest unsigned = HttpRequest.newBuilder(URI.create(refused.holder().ownerUrl() + "/durable-db/cluster/actions"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"arguments\": [\"r0\", \"" + value + "\"]}"))
				.build();
			int next = 0;
			// Alternating, so that both see the same machine and the same file.
			for (int i = -warmups; i < calls; i++) {
				String localKey = "l" + next;
				String remoteKey = "r" + next++;
				long start = System.nanoTime();
				Tenants.run("acme", () -> actions.insert(localKey, value));
				long between = System.nanoTime();
				Tenants.run("acme", () -> routed.insert(remoteKey, value));
				long end = System.nanoTime();
				http.send(unsigned, HttpResponse.BodyHandlers.discarding());
				long refusedAt = System.nanoTime();
				if (i >= 0) {
					local[i] = between - start;
					remote[i] = end - between;
					floor[i] = refusedAt - end;
				}
			}
			double localP50 = Measure.percentile(local, calls, 50);
			double remoteP50 = Measure.percentile(remote, calls, 50);
			bench.results().result("cluster.local_write_p50", localP50 / 1000, "us");
			bench.results().result("cluster.remote_write_p50", remoteP50 / 1000, "us");
			double floorP50 = Measure.percentile(floor, calls, 50);
			bench.results().result("cluster.http_floor_p50", floorP50 / 1000, "us");
			bench.results().ratio("cluster.remote_vs_local", remoteP50 / localP50, 3.0, true);
			bench.results().ratio("cluster.http_floor_vs_local", floorP50 / localP50, 3.0, true);
		}
		finally {
			try (HikariDataSource cleanup = pool(url, user);
					var connection = cleanup.getConnection();
					var statement = connection.createStatement()) {
				statement.execute("DROP TABLE IF EXISTS " + table);
			}
		}
		ClusterTakeover.run(bench);
	}

	/**
	 * A node: the benchmark application, a web server on a loopback port, cluster mode on,
	 * replicating to {@code store}.
	 */
	static ConfigurableApplicationContext node(Path root, Path store, String id, String table, DataSource leases,
			String... more) throws IOException {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("durable-db.data-dir", root.resolve("data").toString());
		properties.put("durable-db.backup.file.dir", store.toString());
		properties.put("durable-db.tenant.auto-create", "false");
		properties.put("durable-db.replication.enabled", "true");
		properties.put("durable-db.cluster.enabled", "true");
		properties.put("durable-db.cluster.node-id", id);
		properties.put("durable-db.cluster.secret", SECRET);
		properties.put("durable-db.cluster.table", table);
		properties.put("server.address", "127.0.0.1");
		properties.put("logging.level.root", "warn");
		properties.put("logging.level.liquibase", "error");
		int port = freePort();
		properties.put("server.port", Integer.toString(port));
		properties.put("durable-db.cluster.advertised-url", "http://127.0.0.1:" + port);
		for (String property : more) {
			int equals = property.indexOf('=');
			properties.put(property.substring(0, equals), property.substring(equals + 1));
		}
		return new SpringApplicationBuilder(BenchmarkApp.class)
			.web(WebApplicationType.SERVLET)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("benchmarkLeaseDataSource", leases))
			.run();
	}

	/** A port free now; the node binds it a moment later (a benchmark may retry if another took it). */
	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	static HikariDataSource pool(String url, String user) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setMaximumPoolSize(4);
		config.setInitializationFailTimeout(2000);
		config.setConnectionTimeout(2000);
		return new HikariDataSource(config);
	}

}
