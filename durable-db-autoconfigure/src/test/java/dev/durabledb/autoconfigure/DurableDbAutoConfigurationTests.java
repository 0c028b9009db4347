package dev.durabledb.autoconfigure;

import java.nio.file.Path;

import javax.sql.DataSource;

import dev.durabledb.action.ActionRunner;
import dev.durabledb.action.ArgumentValidator;
import dev.durabledb.action.DurableAction;
import dev.durabledb.action.DurableDatabase;
import dev.durabledb.actuate.DurableDbEndpoint;
import dev.durabledb.actuate.DurableDbHealthIndicator;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.InstanceStrategy;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.migration.EagerMigration;
import dev.durabledb.tenant.DurableTenants;
import dev.durabledb.tenant.HeaderTenantResolver;
import dev.durabledb.tenant.SubdomainTenantResolver;
import dev.durabledb.tenant.TenantFilter;
import dev.durabledb.tenant.TenantResolver;
import dev.durabledb.web.DurableDbProblemHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbAutoConfigurationTests {

	@TempDir
	Path dataDir;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DurableDbAutoConfiguration.class))
			.withPropertyValues("durable-db.data-dir=" + this.dataDir);
	}

	private WebApplicationContextRunner webRunner() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DurableDbAutoConfiguration.class,
					DurableDbWebAutoConfiguration.class))
			.withPropertyValues("durable-db.data-dir=" + this.dataDir);
	}

	@Test
	void defaultsGiveTheRuntimeAndOneDurableDatabaseBeanPerDatabase() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(InstanceRegistry.class)
				.hasSingleBean(ActionRunner.class)
				.hasSingleBean(DurableTenants.class)
				.hasSingleBean(DurableDatabase.class)
				.hasBean("notesDurableDatabase")
				.doesNotHaveBean(EagerMigration.class)
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
		runner().withConfiguration(AutoConfigurations
			.of(org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(ArgumentValidator.class));
	}

	@Test
	void eagerMigrationIsAnOption() {
		runner().withPropertyValues("durable-db.migration.mode=eager")
			.run((context) -> assertThat(context).hasSingleBean(EagerMigration.class));
	}

	@Test
	void webApplicationsGetTheHeaderResolverTheFilterAndProblemDetails() {
		webRunner().run((context) -> {
			assertThat(context).hasSingleBean(TenantResolver.class).hasSingleBean(DurableDbProblemHandler.class);
			assertThat(context.getBean(TenantResolver.class)).isInstanceOf(HeaderTenantResolver.class);
			assertThat(context.getBean(FilterRegistrationBean.class).getFilter()).isInstanceOf(TenantFilter.class);
		});
	}

	@Test
	void theSubdomainResolverIsAProperty() {
		webRunner().withPropertyValues("durable-db.tenant.resolver=subdomain")
			.run((context) -> assertThat(context.getBean(TenantResolver.class))
				.isInstanceOf(SubdomainTenantResolver.class));
	}

	@Test
	void backsOffForTheApplicationsOwnTenantResolver() {
		webRunner().withBean("principalResolver", TenantResolver.class, () -> (request) -> "from-principal")
			.run((context) -> assertThat(context).hasSingleBean(TenantResolver.class).hasBean("principalResolver"));
	}

	@Test
	void notAWebApplicationMeansNoFilter() {
		runner().withConfiguration(AutoConfigurations.of(DurableDbWebAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TenantResolver.class)
				.doesNotHaveBean(DurableDbProblemHandler.class));
	}

	@Test
	void actuatorEndpointAndHealthIndicatorNeedTheEndpointExposed() {
		runner()
			.withConfiguration(AutoConfigurations.of(DurableDbActuatorAutoConfiguration.class,
					org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=durabledb")
			.run((context) -> assertThat(context).hasSingleBean(DurableDbEndpoint.class)
				.hasSingleBean(DurableDbHealthIndicator.class));
	}

	@Test
	void theEndpointBacksOffWhenNotExposed() {
		runner()
			.withConfiguration(AutoConfigurations.of(DurableDbActuatorAutoConfiguration.class,
					org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DurableDbEndpoint.class)
				.hasSingleBean(DurableDbHealthIndicator.class));
	}

	@Test
	void withoutActuatorThereIsNoEndpoint() {
		runner().withConfiguration(AutoConfigurations.of(DurableDbActuatorAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).doesNotHaveBean(DurableDbEndpoint.class));
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
