package dev.durabledb.autoconfigure;

import java.nio.file.Files;
import java.time.Clock;

import dev.durabledb.action.ActionDefinitions;
import dev.durabledb.action.ActionRunner;
import dev.durabledb.action.ActionScope;
import dev.durabledb.action.ArgumentValidator;
import dev.durabledb.action.DurableActionInterceptor;
import dev.durabledb.action.DurableActionPostProcessor;
import dev.durabledb.action.WriteObserver;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.instance.SqliteConnections;
import dev.durabledb.metrics.DurableDbMetrics;
import dev.durabledb.migration.EagerMigration;
import dev.durabledb.migration.LiquibaseRunner;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.tenant.DurableTenants;
import dev.durabledb.tenant.FinalCopy;
import dev.durabledb.tenant.TenantIdPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;

/**
 * Auto-configuration of durable-db's runtime: databases, instances, migrations, actions
 * and tenants. It registers no {@code DataSource}, {@code JdbcTemplate},
 * {@code JdbcClient} or transaction manager, so an application's own database is left
 * alone.
 */
@AutoConfiguration(afterName = "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration")
@EnableConfigurationProperties(DurableDbProperties.class)
@Import(DurableDatabaseRegistrar.class)
public final class DurableDbAutoConfiguration {

	@Bean
	InstanceFiles durableDbInstanceFiles(DurableDbProperties properties) throws java.io.IOException {
		InstanceFiles files = new InstanceFiles(properties.dataDir());
		Files.createDirectories(files.dataDir());
		return files;
	}

	@Bean
	SqliteConnections durableDbSqliteConnections(DurableDbProperties properties) {
		return new SqliteConnections(properties.sqlite().toSettings());
	}

	@Bean
	TenantIdPolicy durableDbTenantIdPolicy(DurableDbProperties properties) {
		return new TenantIdPolicy(properties.tenant().pattern());
	}

	@Bean
	DurableDbMetrics durableDbMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
		return new DurableDbMetrics(meterRegistry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	SchemaMigrations durableDbSchemaMigrations(DatabaseCatalog catalog, InstanceFiles files,
			SqliteConnections connections, DurableDbMetrics metrics, DurableDbProperties properties) {
		return new SchemaMigrations(catalog, files, connections,
				new LiquibaseRunner(DurableDbAutoConfiguration.class.getClassLoader()), metrics,
				properties.migration().maxAttempts(), Clock.systemUTC());
	}

	@Bean
	InstanceRegistry durableDbInstanceRegistry(DatabaseCatalog catalog, InstanceFiles files,
			SqliteConnections connections, SchemaMigrations migrations, DurableDbMetrics metrics,
			DurableDbProperties properties) {
		InstanceRegistry registry = new InstanceRegistry(catalog, files, connections, migrations,
				new InstanceRegistry.RegistrySettings(properties.instances().maxOpen(),
						properties.instances().idleTimeout(), properties.instances().readers(),
						properties.action().lockTimeout(), properties.tenant().autoCreate()));
		metrics.bind(registry);
		return registry;
	}

	@Bean
	ActionScope durableDbActionScope() {
		return new ActionScope();
	}

	@Bean
	ActionDefinitions durableDbActionDefinitions(DatabaseCatalog catalog) {
		return new ActionDefinitions(catalog);
	}

	@Bean
	ActionRunner durableDbActionRunner(DatabaseCatalog catalog, InstanceRegistry registry, TenantIdPolicy tenantIds,
			ActionScope scope, DurableDbMetrics metrics, ObjectProvider<WriteObserver> writes,
			DurableDbProperties properties) {
		return new ActionRunner(catalog, registry, tenantIds, scope, metrics,
				writes.getIfAvailable(() -> WriteObserver.NONE), properties.action().lockTimeout());
	}

	@Bean
	DurableTenants durableDbTenants(DatabaseCatalog catalog, InstanceFiles files, InstanceRegistry registry,
			SchemaMigrations migrations, SqliteConnections connections, TenantIdPolicy tenantIds,
			ObjectProvider<FinalCopy> finalCopy, DurableDbProperties properties) {
		return new DurableTenants(catalog, files, registry, migrations, connections, tenantIds,
				properties.tenant().keepDeleted(),
				finalCopy.getIfAvailable(() -> DurableTenants.moveToDeletedFolder(files, Clock.systemUTC())));
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DurableActionPostProcessor durableDbActionPostProcessor(ObjectProvider<ActionDefinitions> definitions,
			ObjectProvider<ActionRunner> runner, ObjectProvider<ArgumentValidator> validator) {
		return new DurableActionPostProcessor(new DurableActionInterceptor(definitions, runner, validator),
				definitions);
	}

	@Bean
	@ConditionalOnProperty(name = "durable-db.migration.mode", havingValue = "eager")
	EagerMigration durableDbEagerMigration(DatabaseCatalog catalog, InstanceFiles files, InstanceRegistry registry,
			SchemaMigrations migrations, SqliteConnections connections, DurableDbProperties properties) {
		return new EagerMigration(catalog, files, registry, migrations, connections,
				properties.migration().parallelism());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.validation.Validator")
	static class ArgumentValidationConfiguration {

		@Bean
		@ConditionalOnBean(jakarta.validation.Validator.class)
		ArgumentValidator durableDbArgumentValidator(jakarta.validation.Validator validator) {
			return new ArgumentValidator(validator);
		}

	}

}
