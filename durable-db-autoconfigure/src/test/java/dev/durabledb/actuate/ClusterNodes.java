package dev.durabledb.actuate;

import java.nio.file.Path;

import javax.sql.DataSource;

import dev.durabledb.cluster.DurableDbClusterAutoConfiguration;
import dev.durabledb.fixtures.StarterConfigurations;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.actuate.web.WebMvcEndpointManagementContextConfiguration;

/**
 * Nodes of a cluster for the endpoint and health tests: the starter, its cluster mode on
 * a real PostgreSQL lease table, and the actuator over Spring MVC (the cluster endpoint and
 * health exposed, health with its details). Their lease TTL is an hour, so that their
 * renewal threads (a third of it apart) never run a round during a test: the tests run
 * rounds themselves, when they choose.
 */
final class ClusterNodes {

	static final String SECRET = "a-secret-of-at-least-32-characters!";

	private ClusterNodes() {
	}

	/** The application without cluster mode: no DataSource, and the same actuator. */
	static WebApplicationContextRunner singleNode(Path dataDir) {
		return new WebApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(AutoConfigurations.of(DurableDbClusterAutoConfiguration.class,
					DurableDbEndpointAutoConfiguration.class, DurableDbHealthAutoConfiguration.class,
					EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
					JacksonEndpointAutoConfiguration.class, WebMvcEndpointManagementContextConfiguration.class,
					HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
					HealthEndpointAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
					WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
					JacksonAutoConfiguration.class))
			.withPropertyValues("durable-db.data-dir=" + dataDir,
					"management.endpoints.web.exposure.include=durabledbcluster,health",
					"management.endpoint.health.show-details=always");
	}

	/** Node {@code id}, reached at {@code http://<id>:8080}, keeping its leases in {@code table}. */
	static WebApplicationContextRunner node(Path dataDir, String id, String table, DataSource dataSource) {
		return singleNode(dataDir).withBean(DataSource.class, () -> dataSource)
			.withPropertyValues("durable-db.cluster.enabled=true", "durable-db.cluster.node-id=" + id,
					"durable-db.cluster.advertised-url=http://" + id + ":8080", "durable-db.cluster.secret=" + SECRET,
					"durable-db.cluster.table=" + table, "durable-db.cluster.lease-ttl=1h");
	}

}
