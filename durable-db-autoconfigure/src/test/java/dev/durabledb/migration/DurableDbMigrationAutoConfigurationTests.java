package dev.durabledb.migration;

import java.nio.file.Path;

import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceProvisioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbMigrationAutoConfigurationTests {

	@TempDir
	Path dataDir;

	private ApplicationContextRunner runner() {
		return TestApplications.starter(this.dataDir);
	}

	@Test
	void lazyByDefault() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(SchemaMigrations.class)
				.hasSingleBean(MigrationDryRun.class)
				.doesNotHaveBean(EagerMigration.class);
			assertThat(context.getBean(InstanceProvisioner.class)).isSameAs(context.getBean(SchemaMigrations.class));
		});
	}

	@Test
	void eagerMigrationIsAnOption() {
		runner().withPropertyValues("durable-db.migration.mode=eager")
			.run((context) -> assertThat(context).hasSingleBean(EagerMigration.class));
	}

	@Test
	void leavesSpringBootsOwnLiquibaseAlone() {
		runner().run((context) -> assertThat(context).doesNotHaveBean(liquibase.integration.spring.SpringLiquibase.class));
	}

}
