package dev.durabledb.console;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** When the console is served: the H2 console's rules. */
class DurableDbConsoleAutoConfigurationTests {

	@TempDir
	Path dataDir;

	@Test
	void offUnlessAskedFor() {
		runner().run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RouterFunction.class));
		runner().withPropertyValues("durable-db.console.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class));
	}

	@Test
	void onWhenEnabled() {
		runner().withPropertyValues("durable-db.console.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("durableDbConsole"));
	}

	@Test
	void onByDefaultWhenDevToolsAddsItsDevelopmentDefaults() {
		runner().withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addLast(new MapPropertySource(OnConsoleEnabledCondition.DEVTOOLS_DEFAULTS,
					Map.of("spring.h2.console.enabled", "true"))))
			.run((context) -> assertThat(context).hasBean("durableDbConsole"));
	}

	@Test
	void anExplicitFalseWinsOverDevTools() {
		runner().withPropertyValues("durable-db.console.enabled=false")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource(OnConsoleEnabledCondition.DEVTOOLS_DEFAULTS, Map.of())))
			.run((context) -> assertThat(context).doesNotHaveBean("durableDbConsole"));
	}

	@Test
	void notInAnApplicationThatIsNotAServletWebApplication() {
		new org.springframework.boot.test.context.runner.ApplicationContextRunner()
			.withConfiguration(dev.durabledb.fixtures.StarterConfigurations.core())
			.withConfiguration(org.springframework.boot.autoconfigure.AutoConfigurations
				.of(DurableDbConsoleAutoConfiguration.class))
			.withPropertyValues("durable-db.data-dir=" + this.dataDir, "durable-db.console.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("durableDbConsole"));
	}

	@Test
	void aPathThatIsNotAPlainPathFailsStartupNamingTheProperty() {
		for (String path : new String[] { "console", "/console/", "/db/**", "/db/{id}", " " }) {
			runner().withPropertyValues("durable-db.console.enabled=true", "durable-db.console.path=" + path)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("durable-db.console.path"));
		}
	}

	@Test
	void aPageSizeBelowOneFailsStartup() {
		runner().withPropertyValues("durable-db.console.enabled=true", "durable-db.console.page-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("durable-db.console.page-size"));
	}

	private WebApplicationContextRunner runner() {
		return ConsoleApplications.servlet(this.dataDir);
	}

}
