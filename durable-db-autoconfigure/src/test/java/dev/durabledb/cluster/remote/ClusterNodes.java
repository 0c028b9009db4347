package dev.durabledb.cluster.remote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.durabledb.action.DurableDatabase;
import dev.durabledb.action.DurableDbActionAutoConfiguration;
import dev.durabledb.cluster.DurableDbClusterAutoConfiguration;
import dev.durabledb.fixtures.CounterActions;
import dev.durabledb.fixtures.Gate;
import dev.durabledb.fixtures.LoopbackPorts;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.instance.DurableDbInstanceAutoConfiguration;
import dev.durabledb.migration.DurableDbMigrationAutoConfiguration;
import dev.durabledb.tenant.DurableDbTenantAutoConfiguration;
import dev.durabledb.web.DurableDbWebAutoConfiguration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Nodes of a cluster in this JVM: each a real Spring Boot application with a Tomcat on a
 * loopback port, its own data dir, and the notes and counters databases; they share
 * nothing but the PostgreSQL lease table and the secret.
 */
final class ClusterNodes {

	static final String SECRET = "a-cluster-secret-of-at-least-32-characters";

	private ClusterNodes() {
	}

	/** A node with the cluster on, its leases in {@code table}. */
	static ConfigurableApplicationContext start(String nodeId, Path dataDir, String table, String... properties) {
		List<String> all = new ArrayList<>(List.of("durable-db.cluster.enabled=true",
				"durable-db.cluster.node-id=" + nodeId, "durable-db.cluster.secret=" + SECRET,
				"durable-db.cluster.table=" + table));
		all.addAll(List.of(properties));
		return startOnFreePort(dataDir, true, all);
	}

	/** A node of the same application with the cluster off. */
	static ConfigurableApplicationContext startWithoutCluster(Path dataDir) {
		return startOnFreePort(dataDir, false, List.of());
	}

	/** The base URL a node is reached at. */
	static String url(ConfigurableApplicationContext node) {
		return "http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port");
	}

	/**
	 * Starts on a port that was free a moment before, so that the advertised URL can name
	 * it; tries another when someone took it meanwhile.
	 */
	private static ConfigurableApplicationContext startOnFreePort(Path dataDir, boolean cluster,
			List<String> properties) {
		for (int attempt = 1;; attempt++) {
			int port = LoopbackPorts.free();
			List<String> all = new ArrayList<>(List.of("server.port=" + port, "server.address=127.0.0.1",
					"spring.main.banner-mode=off", "durable-db.data-dir=" + dataDir,
					"durable-db.databases.counters.instance=global",
					"durable-db.databases.counters.changelog=classpath:changelogs/counters.yaml"));
			if (cluster) {
				all.add("durable-db.cluster.advertised-url=http://127.0.0.1:" + port);
			}
			all.addAll(properties);
			try {
				return new SpringApplicationBuilder(NodeApplication.class).web(WebApplicationType.SERVLET)
					.properties(all.toArray(String[]::new))
					.run();
			}
			catch (RuntimeException ex) {
				if (attempt >= 5 || !portInUse(ex)) {
					throw ex;
				}
			}
		}
	}

	private static boolean portInUse(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof PortInUseException) {
				return true;
			}
		}
		return false;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			ValidationAutoConfiguration.class, DurableDbActionAutoConfiguration.class,
			DurableDbInstanceAutoConfiguration.class, DurableDbMigrationAutoConfiguration.class,
			DurableDbTenantAutoConfiguration.class, DurableDbWebAutoConfiguration.class,
			DurableDbClusterAutoConfiguration.class, DurableDbRemoteActionAutoConfiguration.class })
	@Import(RemoteCallsController.class)
	static class NodeApplication {

		@Bean
		Invocations invocations() {
			return new Invocations();
		}

		@Bean
		Gate writerGate() {
			return new Gate();
		}

		@Bean
		RemoteNoteActions remoteNoteActions(@Qualifier("notes") DurableDatabase notes, Invocations invocations,
				Gate gate) {
			return new RemoteNoteActions(notes, invocations, gate);
		}

		@Bean
		DataSource dataSource() {
			return Postgres.dataSource();
		}

		@Bean
		CounterActions counterActions(@Qualifier("counters") DurableDatabase counters) {
			return new CounterActions(counters);
		}

	}

}
