package dev.durabledb.actuate;

import java.nio.file.Path;

import dev.durabledb.fixtures.StarterConfigurations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbHealthAutoConfigurationTests {

	@TempDir
	Path root;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(AutoConfigurations.of(DurableDbHealthAutoConfiguration.class))
			.withPropertyValues("durable-db.data-dir=" + this.root.resolve("data"));
	}

	@Test
	void theIndicatorIsOnWithoutTheEndpointAndUpOnAWritableDataDir() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(DurableDbHealthIndicator.class).doesNotHaveBean(DurableDbEndpoint.class);
			assertThat(context.getBean(DurableDbHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void downWhenTheDataDirsFileSystemIsBelowTheFreeSpaceThreshold() {
		runner().withPropertyValues("durable-db.health.free-space-threshold=1000TB").run((context) -> {
			org.springframework.boot.health.contributor.Health health = context.getBean(DurableDbHealthIndicator.class)
				.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("dataDirWritable", true)
				.containsEntry("freeSpaceThreshold", 1000L << 40)
				.containsKey("freeSpace");
		});
	}

	@Test
	void itCanBeTurnedOff() {
		runner().withPropertyValues("management.health.durableDb.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DurableDbHealthIndicator.class));
	}

	@Test
	void backsOffForTheApplicationsOwnIndicatorOfTheSameName() {
		runner().withBean("durableDbHealthIndicator", String.class, () -> "own")
			.run((context) -> assertThat(context).doesNotHaveBean(DurableDbHealthIndicator.class));
	}

	@Test
	void withoutSpringBootHealthThereIsNoIndicator() {
		runner().withClassLoader(new FilteredClassLoader(AbstractHealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DurableDbHealthIndicator.class));
	}

}
