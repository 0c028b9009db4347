package dev.durabledb.action;

import java.nio.file.Path;

import javax.sql.DataSource;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.InstanceStrategy;
import dev.durabledb.fixtures.TestApplications;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbActionAutoConfigurationTests {

	@TempDir
	Path dataDir;

	private ApplicationContextRunner runner() {
		return TestApplications.starter(this.dataDir);
	}

	@Test
	void defaultsGiveTheRunnerAndOneDurableDatabaseBeanPerDatabase() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(ActionRunner.class)
				.hasSingleBean(DurableDatabase.class)
				.hasBean("notesDurableDatabase")
				.doesNotHaveBean(ArgumentValidator.class);
			DatabaseCatalog catalog = context.getBean(DatabaseCatalog.class);
			assertThat(catalog.get("notes").strategy()).isEqualTo(InstanceStrategy.PER_TENANT);
			assertThat(catalog.get("notes").changelog()).isEqualTo("db/durable/notes/changelog.yaml");
			DurableDbProperties properties = context.getBean(DurableDbProperties.class);
			assertThat(properties.instances().maxOpen()).isEqualTo(1000);
			assertThat(properties.tenant().header()).isEqualTo("X-Tenant-Id");
			assertThat(properties.tenant().autoCreate()).isFalse();
			assertThat(properties.migration().maxAttempts()).isEqualTo(3);
		});
	}

	@Test
	void neverRegistersBeansThatWouldDisplaceTheApplicationsOwnDatabase() {
		runner().run((context) -> assertThat(context).doesNotHaveBean(DataSource.class)
			.doesNotHaveBean(JdbcTemplate.class)
			.doesNotHaveBean(JdbcClient.class)
			.doesNotHaveBean(PlatformTransactionManager.class));
	}

	@Test
	void propertiesAddDatabasesAndOverrideDiscoveredOnes() {
		runner()
			.withPropertyValues("durable-db.databases.counters.instance=global",
					"durable-db.databases.counters.changelog=classpath:changelogs/counters.yaml",
					"durable-db.databases.notes.changelog=classpath:changelogs/notes-v2.yaml")
			.run((context) -> {
				DatabaseCatalog catalog = context.getBean(DatabaseCatalog.class);
				assertThat(catalog.get("counters").strategy()).isEqualTo(InstanceStrategy.GLOBAL);
				assertThat(catalog.get("notes").changelog()).isEqualTo("changelogs/notes-v2.yaml");
				assertThat(context).hasBean("countersDurableDatabase").hasBean("notesDurableDatabase");
			});
	}

	@Test
	void aDatabaseWithoutAChangelogFailsStartupWithAClearMessage() {
		runner().withPropertyValues("durable-db.databases.orders.instance=global")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Database 'orders' has no changelog"));
	}

	@Test
	void anInvalidDatabaseNameFailsStartup() {
		runner().withPropertyValues("durable-db.databases.Orders.changelog=classpath:changelogs/counters.yaml")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Database name 'Orders' is not valid"));
	}

	@Test
	void anActionOnAnUnknownDatabaseFailsStartupNamingIt() {
		runner().withUserConfiguration(UnknownDatabaseAction.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("UnknownDatabaseActions.save")
				.hasMessageContaining("database 'orders', which is not declared"));
	}

	@Test
	void anActionWithoutADatabaseFailsStartupWhenThereAreSeveral() {
		runner()
			.withPropertyValues("durable-db.databases.counters.changelog=classpath:changelogs/counters.yaml")
			.withUserConfiguration(AmbiguousAction.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("AmbiguousActions.save names no database")
				.hasMessageContaining("[counters, notes]"));
	}

	@Test
	void anActionWithoutADatabaseRunsInTheOnlyOne() {
		runner().withUserConfiguration(AmbiguousAction.class).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void argumentValidationIsOnWhenBeanValidationIsThere() {
		runner().withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(ArgumentValidator.class));
	}

	@Test
	void withoutBeanValidationOnTheClasspathActionsRunUnvalidated() {
		runner().withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("jakarta.validation"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ActionRunner.class)
				.doesNotHaveBean(ArgumentValidator.class));
	}

	@Test
	void withoutSqliteJdbcTheStarterStaysOut() {
		runner().withClassLoader(new FilteredClassLoader("org.sqlite"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ActionRunner.class)
				.doesNotHaveBean(DatabaseCatalog.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownDatabaseAction {

		@Bean
		UnknownDatabaseActions unknownDatabaseActions() {
			return new UnknownDatabaseActions();
		}

	}

	@DurableAction(database = "orders")
	static class UnknownDatabaseActions {

		public void save() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AmbiguousAction {

		@Bean
		AmbiguousActions ambiguousActions() {
			return new AmbiguousActions();
		}

	}

	static class AmbiguousActions {

		@DurableAction
		public void save() {
		}

	}

}
