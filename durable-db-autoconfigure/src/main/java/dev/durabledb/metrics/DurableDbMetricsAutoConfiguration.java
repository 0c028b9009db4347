package dev.durabledb.metrics;

import dev.durabledb.cluster.DurableDbClusterAutoConfiguration;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.DurableDbInstanceAutoConfiguration;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.replication.DurableDbReplicationAutoConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * durable-db's Micrometer meters (actions, open instances, migrations, backups, restores,
 * replication, and in cluster mode leases), when the application has a
 * {@link MeterRegistry}.
 */
@AutoConfiguration(after = { DurableDbInstanceAutoConfiguration.class, DurableDbReplicationAutoConfiguration.class,
		DurableDbClusterAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, InstanceRegistry.class })
public final class DurableDbMetricsAutoConfiguration {

	@Bean
	DurableDbMetrics durableDbMetrics(MeterRegistry meterRegistry) {
		return new DurableDbMetrics(meterRegistry);
	}

	@Bean
	InstanceMeters durableDbInstanceMeters(MeterRegistry meterRegistry, InstanceRegistry instances) {
		InstanceMeters meters = new InstanceMeters(instances);
		meters.register(meterRegistry);
		return meters;
	}

	@Bean
	@ConditionalOnBean(Bookmarks.class)
	MeterBinder durableDbReplicationLag(Bookmarks bookmarks) {
		return (registry) -> Gauge.builder("durabledb.replication.lag", () -> bookmarks.lag().toNanos() / 1e9)
			.description("How long the oldest commit not yet in the store has waited")
			.baseUnit("seconds")
			.register(registry);
	}

	@Bean
	@ConditionalOnBean(LeaseKeeper.class)
	ClusterMeters durableDbClusterMeters(MeterRegistry meterRegistry, DatabaseCatalog catalog) {
		return new ClusterMeters(meterRegistry, catalog.all().stream().map(DatabaseDefinition::name).toList());
	}

	@Bean
	@ConditionalOnBean(LeaseKeeper.class)
	MeterBinder durableDbClusterLeases(LeaseKeeper keeper) {
		return (registry) -> Gauge.builder("durabledb.cluster.leases", keeper, LeaseKeeper::held)
			.description("Leases this node holds and may act on")
			.register(registry);
	}

}
