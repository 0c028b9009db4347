package dev.durabledb.migration;

import java.time.Clock;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.sqlite.SqliteConnections;
import liquibase.Liquibase;
import org.sqlite.SQLiteConnection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of migrations: every instance is kept at its database's Liquibase
 * changelog ({@link SchemaMigrations}), lazily as it opens, or at startup too with
 * {@code durable-db.migration.mode=eager}; and the {@link MigrationDryRun} that tells
 * beforehand what a changelog would do to them.
 * <p>
 * It does not touch Spring Boot's own Liquibase support, which migrates the application's
 * own {@code DataSource} (if any) as usual.
 */
@AutoConfiguration
@ConditionalOnClass({ Liquibase.class, SQLiteConnection.class })
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbMigrationAutoConfiguration {

	@Bean
	SchemaMigrations durableDbSchemaMigrations(DatabaseCatalog catalog, InstanceFiles files,
			SqliteConnections connections, ObjectProvider<MigrationListener> listeners,
			DurableDbProperties properties) {
		return new SchemaMigrations(catalog, files, connections,
				new LiquibaseRunner(DurableDbMigrationAutoConfiguration.class.getClassLoader()),
				MigrationListener.all(listeners.orderedStream().toList()), properties.migration().maxAttempts(),
				properties.migration().retryDelay(), properties.migration().replay(), Clock.systemUTC());
	}

	@Bean
	DatabaseStartupCheck durableDbDatabaseStartupCheck(DatabaseCatalog catalog, InstanceFiles files,
			SchemaMigrations migrations, DurableDbProperties properties) {
		return new DatabaseStartupCheck(catalog, files, migrations,
				properties.migration().mode() == DurableDbProperties.Migration.Mode.EAGER);
	}

	@Bean
	SchemaInspector durableDbSchemaInspector(SchemaMigrations migrations, InstanceFiles files,
			SqliteConnections connections) {
		return new SchemaInspector(migrations, files, connections);
	}

	@Bean
	@ConditionalOnProperty(name = "durable-db.migration.mode", havingValue = "eager")
	EagerMigration durableDbEagerMigration(DatabaseCatalog catalog, InstanceFiles files, InstanceRegistry registry,
			SchemaMigrations migrations, SqliteConnections connections, DurableDbProperties properties) {
		return new EagerMigration(catalog, files, registry, migrations, connections, workers(properties),
				properties.migration().failOnError());
	}

	@Bean
	MigrationDryRun durableDbMigrationDryRun(DatabaseCatalog catalog, InstanceFiles files,
			SqliteConnections connections, SchemaMigrations migrations, DurableDbProperties properties) {
		return new MigrationDryRun(catalog, files, migrations, new DryRunCopy(files, connections, migrations),
				workers(properties));
	}

	/** How many instances migrations work on at once: they wait on the disk's syncs more than on the processors. */
	private static int workers(DurableDbProperties properties) {
		int configured = properties.migration().parallelism();
		return (configured > 0) ? configured : Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
	}

}
