package dev.durabledb.cluster.routing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.action.DurableDatabase;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.fixtures.ClusterNodeAutoConfiguration;
import dev.durabledb.fixtures.CounterActions;
import dev.durabledb.fixtures.CountingDataSource;
import dev.durabledb.fixtures.Gate;
import dev.durabledb.fixtures.LoopbackPorts;
import dev.durabledb.fixtures.Postgres;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
		int port = LoopbackPorts.free();
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

	@Configuration(proxyBeanMethods = false)
	@ClusterNodeAutoConfiguration
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
