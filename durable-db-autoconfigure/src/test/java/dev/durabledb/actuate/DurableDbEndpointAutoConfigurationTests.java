package dev.durabledb.actuate;

import java.nio.file.Path;

import dev.durabledb.fixtures.StarterConfigurations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DurableDbEndpointAutoConfigurationTests {

	@TempDir
	Path root;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(StarterConfigurations.backups())
			.withConfiguration(AutoConfigurations.of(DurableDbEndpointAutoConfiguration.class,
					EndpointAutoConfiguration.class))
			.withPropertyValues("durable-db.data-dir=" + this.root.resolve("data"),
					"durable-db.backup.file.dir=" + this.root.resolve("backups"));
	}

	@Test
	void theEndpointsNeedToBeExposedAndTheArchiveAllowed() {
		runner()
			.withPropertyValues("management.endpoints.web.exposure.include=durabledb,durabledbarchive",
					"management.endpoint.durabledbarchive.access=READ_ONLY")
			.run((context) -> assertThat(context).hasSingleBean(DurableDbEndpoint.class)
				.hasSingleBean(DurableDbArchiveEndpoint.class));
	}

	@Test
	void theArchiveIsOffUnlessAllowedEvenWhenExposed(CapturedOutput output) {
		runner().withPropertyValues("management.endpoints.web.exposure.include=durabledb,durabledbarchive")
			.run((context) -> assertThat(context).hasSingleBean(DurableDbEndpoint.class)
				.doesNotHaveBean(DurableDbArchiveEndpoint.class));
		assertThat(output).contains("The durabledb actuator endpoints are exposed and the application has no"
				+ " Spring Security filter chain");
	}

	@Test
	void noWarningWhenNothingIsExposed(CapturedOutput output) {
		runner().run((context) -> assertThat(context).doesNotHaveBean(DurableDbEndpoint.class));
		assertThat(output).doesNotContain("actuator endpoints are exposed");
	}

	@Test
	void theEndpointsBackOffWhenNotExposed() {
		runner().run((context) -> assertThat(context).doesNotHaveBean(DurableDbEndpoint.class)
			.doesNotHaveBean(DurableDbArchiveEndpoint.class));
	}

	@Test
	void withBackupsOffThereIsNoArchiveEndpoint() {
		runner().withPropertyValues("management.endpoints.web.exposure.include=durabledb,durabledbarchive",
				"management.endpoint.durabledbarchive.access=READ_ONLY", "durable-db.backup.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(DurableDbEndpoint.class)
				.doesNotHaveBean(DurableDbArchiveEndpoint.class));
	}

	@Test
	void withoutActuatorThereIsNoEndpoint() {
		new ApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(AutoConfigurations.of(DurableDbEndpointAutoConfiguration.class))
			.withPropertyValues("durable-db.data-dir=" + this.root.resolve("data"))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DurableDbEndpoint.class));
	}

}
