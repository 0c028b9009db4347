package dev.durabledb.metrics;

import java.nio.file.Path;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbMetricsAutoConfigurationTests {

	@TempDir
	Path dataDir;

	private ApplicationContextRunner app() {
		return TestApplications.withActions(this.dataDir).withConfiguration(StarterConfigurations.observability());
	}

	@Test
	void actionsAndInstancesAreMeteredWhenTheApplicationHasAMeterRegistry() {
		app().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			Tenants.run("acme", () -> context.getBean(NoteActions.class).add("metered"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("durabledb.actions").tag("outcome", "success").timer().count()).isEqualTo(1);
			assertThat(registry.get("durabledb.instances.open").gauge().value()).isEqualTo(1);
			assertThat(registry.get("durabledb.migrations").tag("outcome", "success").counter().count()).isEqualTo(1);
		});
	}

	@Test
	void noMetersAndNoRegistryOfItsOwnWithoutAMeterRegistry() {
		app().run((context) -> {
			assertThat(context).doesNotHaveBean(DurableDbMetrics.class).doesNotHaveBean(MeterRegistry.class);
			Tenants.run("acme", () -> context.getBean(NoteActions.class).add("not metered"));
			assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::bodies)).containsExactly("not metered");
		});
	}

	@Test
	void withoutMicrometerTheStarterStillRuns() {
		app().withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DurableDbMetrics.class));
	}

}
