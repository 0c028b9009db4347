package dev.durabledb.metrics;

import dev.durabledb.instance.InstanceRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of open instances: {@code durabledb.instances.open} and
 * {@code durabledb.instances.in.use} (gauges), {@code durabledb.instances.opened}
 * (counter of opens: cache misses).
 */
final class InstanceMeters {

	private final InstanceRegistry instances;

	InstanceMeters(InstanceRegistry instances) {
		this.instances = instances;
	}

	/** Registers the meters with {@code registry}. */
	void register(MeterRegistry registry) {
		Gauge.builder("durabledb.instances.open", this.instances, InstanceRegistry::openInstances)
			.description("SQLite instances open in this process")
			.register(registry);
		Gauge.builder("durabledb.instances.in.use", this.instances, InstanceRegistry::instancesInUse)
			.description("Open instances an action uses right now")
			.register(registry);
		FunctionCounter.builder("durabledb.instances.opened", this.instances, InstanceRegistry::opens)
			.description("Times an instance was opened (cache misses)")
			.register(registry);
	}

}
