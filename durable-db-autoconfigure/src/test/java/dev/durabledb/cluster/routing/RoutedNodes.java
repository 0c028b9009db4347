package dev.durabledb.cluster.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.action.DurableDatabase;
import dev.durabledb.action.DurableDbActionAutoConfiguration;
import dev.durabledb.backup.DurableDbBackupAutoConfiguration;
import dev.durabledb.cluster.DurableDbClusterAutoConfiguration;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.cluster.remote.DurableDbRemoteActionAutoConfiguration;
import dev.durabledb.fixtures.CounterActions;
import dev.durabledb.fixtures.CountingDataSource;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.instance.DurableDbInstanceAutoConfiguration;
import dev.durabledb.migration.DurableDbMigrationAutoConfiguration;
import dev.durabledb.replication.DurableDbReplicationAutoConfiguration;
import dev.durabledb.store.DurableDbStoreAutoConfiguration;
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
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Nodes of a cluster in this JVM with routing on: each a Spring Boot application with a
 * Tomcat on a loopback port and its own data dir, replicating to a store folder they
 * share, their leases in one PostgreSQL table.
 */
final class RoutedNodes {

	static final String SECRET = "a-cluster-secret-of-at-least-32-characters";

	private RoutedNodes() {
	}

	static ConfigurableApplicationContext start(String nodeId, Path dataDir, Path store, String table,
			String... properties) {
		int port = freePort();
		List<String> all = new ArrayList<>(List.of("server.port=" + port, "server.address=127.0.0.1",
				"spring.main.banner-mode=off", "durable-db.data-dir=" + dataDir, "durable-db.backup.file.dir=" + store,
				"durable-db.replication.enabled=true", "durable-db.replication.sync-interval=1h",
				"durable-db.replication.acknowledge=replicated",
				"durable-db.cluster.enabled=true", "durable-db.cluster.node-id=" + nodeId,
				"durable-db.cluster.secret=" + SECRET, "durable-db.cluster.table=" + table,
				"durable-db.cluster.advertised-url=http://127.0.0.1:" + port,
				"durable-db.databases.counters.instance=global",
				"durable-db.databases.counters.changelog=classpath:changelogs/counters.yaml"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(NodeApplication.class).web(WebApplicationType.SERVLET)
			.properties(all.toArray(String[]::new))
			.run();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			ValidationAutoConfiguration.class, DurableDbActionAutoConfiguration.class,
			DurableDbInstanceAutoConfiguration.class, DurableDbMigrationAutoConfiguration.class,
			DurableDbTenantAutoConfiguration.class, DurableDbWebAutoConfiguration.class,
			DurableDbStoreAutoConfiguration.class, DurableDbBackupAutoConfiguration.class,
			DurableDbReplicationAutoConfiguration.class, DurableDbClusterAutoConfiguration.class,
			DurableDbRemoteActionAutoConfiguration.class, DurableDbClusterRoutingAutoConfiguration.class })
	static class NodeApplication {

		@Bean
		Gate gate() {
			return new Gate();
		}

		@Bean
		RoutedNotes routedNotes(@Qualifier("notes") DurableDatabase notes, Gate gate, LeaseKeeper leases,
				CounterActions counters) {
			return new RoutedNotes(notes, gate, leases, counters);
		}

		@Bean
		CounterActions counterActions(@Qualifier("counters") DurableDatabase counters) {
			return new CounterActions(counters);
		}

		@Bean
		CountingDataSource dataSource() {
			return new CountingDataSource(Postgres.dataSource());
		}

	}

}
