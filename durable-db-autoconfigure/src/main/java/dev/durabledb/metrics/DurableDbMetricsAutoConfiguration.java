package dev.durabledb.metrics;

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
 * durable-db's Micrometer meters (actions, open instances, migrations, backups, restores),
 * when the application has a {@link MeterRegistry}.
 */
@AutoConfiguration(after = { DurableDbInstanceAutoConfiguration.class, DurableDbReplicationAutoConfiguration.class },
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

}
