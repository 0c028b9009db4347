package dev.durabledb.reset;

import java.time.Clock;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.backup.UndoPoints;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.DurableDbInstanceAutoConfiguration;
import dev.durabledb.instance.FileSwapJournal;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.instance.InstanceTransactions;
import dev.durabledb.migration.DurableDbMigrationAutoConfiguration;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.replication.DurableDbReplicationAutoConfiguration;
import dev.durabledb.sqlite.SqliteConnections;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link DevReset} Java API. The bean is always there, so that a
 * reset asked for while {@code durable-db.dev.reset} is off fails saying which property
 * allows it, rather than for want of a bean.
 */
@AutoConfiguration(after = { DurableDbInstanceAutoConfiguration.class, DurableDbMigrationAutoConfiguration.class,
		DurableDbReplicationAutoConfiguration.class })
@ConditionalOnBean({ InstanceRegistry.class, SchemaMigrations.class })
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbResetAutoConfiguration {

	@Bean
	DevReset durableDbDevReset(DatabaseCatalog catalog, InstanceFiles files, InstanceRegistry registry,
			InstanceTransactions transactions, SchemaMigrations migrations, SqliteConnections connections,
			FileSwapJournal swaps, ObjectProvider<UndoPoints> undoPoints, ObjectProvider<ResetSteps> steps,
			DurableDbProperties properties) {
		FreshFiles fresh = new FreshFiles(files, registry, transactions, migrations, connections, swaps,
				undoPoints.getIfAvailable(() -> UndoPoints.NONE), steps.getIfAvailable(() -> ResetSteps.NONE));
		return new DevReset(catalog, files, fresh, new AsideFolders(files, Clock.systemUTC()),
				properties.dev().reset());
	}

}
