package dev.durabledb.instance;

import java.nio.file.Path;

import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.sqlite.SqliteConnections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbInstanceAutoConfigurationTests {

	@TempDir
	Path root;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withPropertyValues("durable-db.data-dir=" + this.root.resolve("data"));
	}

	@Test
	void givesTheRegistryAndTheOneWayIntoAnInstance() {
		runner().run((context) -> assertThat(context).hasSingleBean(InstanceRegistry.class)
			.hasSingleBean(InstanceTransactions.class)
			.hasSingleBean(SqliteConnections.class)
			.hasSingleBean(InstanceFiles.class));
	}

	@Test
	void createsTheDataDirAndNothingInIt() {
		runner().run((context) -> {
			assertThat(this.root.resolve("data")).isDirectory().isEmptyDirectory();
			assertThat(context.getBean(InstanceFiles.class).dataDir()).isEqualTo(this.root.resolve("data"));
		});
	}

	@Test
	void registrySettingsComeFromTheProperties() {
		runner().withPropertyValues("durable-db.instances.max-open=7", "durable-db.action.lock-timeout=2s")
			.run((context) -> assertThat(context.getBean(InstanceRegistry.class).lockTimeout()).hasSeconds(2));
	}

	@Test
	void withoutSqliteJdbcThereIsNoRegistry() {
		runner().withClassLoader(new FilteredClassLoader("org.sqlite"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(InstanceRegistry.class));
	}

}
