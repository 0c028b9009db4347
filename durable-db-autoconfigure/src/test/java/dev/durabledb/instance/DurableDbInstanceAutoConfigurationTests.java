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
	void createsTheDataDirAndTakesItWithNothingElseInIt() {
		runner().run((context) -> {
			assertThat(this.root.resolve("data")).isDirectory();
			try (var entries = java.nio.file.Files.list(this.root.resolve("data"))) {
				// The data dir's own folder, and the database's with the template startup built.
				assertThat(entries).containsExactlyInAnyOrder(this.root.resolve("data/.durable-db"),
						this.root.resolve("data/notes"));
			}
			try (var entries = java.nio.file.Files.list(this.root.resolve("data/notes"))) {
				assertThat(entries).containsExactly(this.root.resolve("data/notes/.durable-db"));
			}
			assertThat(this.root.resolve("data/.durable-db/owner.lock"))
				.content()
				.startsWith("process " + ProcessHandle.current().pid() + " on ");
			assertThat(context.getBean(InstanceFiles.class).dataDir()).isEqualTo(this.root.resolve("data"));
		});
	}

	@Test
	void aSecondApplicationOnTheSameDataDirRefusesToStartNamingTheHolder() {
		runner().run((first) -> {
			runner().run((second) -> assertThat(second).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("The data dir " + this.root.resolve("data") + " is in use by process "
						+ ProcessHandle.current().pid())
				.hasMessageContaining("one process at a time"));
			assertThat(first).hasNotFailed();
		});
		runner().run((afterTheFirstStopped) -> assertThat(afterTheFirstStopped).hasNotFailed()
			.hasSingleBean(InstanceRegistry.class));
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
