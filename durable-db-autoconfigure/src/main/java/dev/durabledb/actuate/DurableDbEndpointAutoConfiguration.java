package dev.durabledb.actuate;

import dev.durabledb.backup.BackupOperations;
import dev.durabledb.backup.DurableDbBackupAutoConfiguration;
import dev.durabledb.cluster.DurableDbClusterAutoConfiguration;
import dev.durabledb.cluster.LeaseInspector;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.export.ArchiveWriter;
import dev.durabledb.export.DurableDbExportAutoConfiguration;
import dev.durabledb.export.ExportOperations;
import dev.durabledb.instance.DurableDbInstanceAutoConfiguration;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.migration.MigrationDryRun;
import dev.durabledb.migration.SchemaInspector;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.reset.DevReset;
import dev.durabledb.reset.DurableDbResetAutoConfiguration;
import dev.durabledb.tenant.TenantIdPolicy;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code durabledb} actuator endpoint (databases, instances, migration status,
 * operations), the {@code durabledbarchive} endpoint (downloads) and, in cluster mode, the
 * {@code durabledbcluster} endpoint (nodes and leases), each when it is available (exposed
 * and allowed) in the application.
 */
@AutoConfiguration(after = { DurableDbInstanceAutoConfiguration.class, DurableDbBackupAutoConfiguration.class,
		DurableDbExportAutoConfiguration.class, DurableDbResetAutoConfiguration.class,
		DurableDbClusterAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(InstanceRegistry.class)
public final class DurableDbEndpointAutoConfiguration {

	@Bean
	UnsecuredEndpointsWarning durableDbUnsecuredEndpointsWarning(ListableBeanFactory beans) {
		return new UnsecuredEndpointsWarning(beans);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(DurableDbEndpoint.class)
	static class InstancesEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DurableDbEndpoint durableDbEndpoint(DatabaseCatalog catalog, InstanceFiles files, InstanceRegistry registry,
				SchemaMigrations migrations, SchemaInspector inspector, TenantIdPolicy tenantIds,
				ObjectProvider<BackupOperations> backups, ObjectProvider<ExportOperations> exports,
				ObjectProvider<Bookmarks> bookmarks, MigrationDryRun dryRun, ObjectProvider<DevReset> reset) {
			return new DurableDbEndpoint(catalog, files, registry, migrations, inspector, tenantIds,
					backups.getIfAvailable(), exports.getIfAvailable(), bookmarks.getIfAvailable(), dryRun,
					reset.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(DurableDbClusterEndpoint.class)
	@ConditionalOnBean(LeaseKeeper.class)
	static class ClusterEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DurableDbClusterEndpoint durableDbClusterEndpoint(LeaseKeeper keeper, LeaseInspector inspector) {
			return new DurableDbClusterEndpoint(keeper, inspector);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(DurableDbArchiveEndpoint.class)
	@ConditionalOnBean(ExportOperations.class)
	static class ArchiveEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DurableDbArchiveEndpoint durableDbArchiveEndpoint(DatabaseCatalog catalog, ArchiveWriter archives,
				ExportOperations exports) {
			return new DurableDbArchiveEndpoint(catalog, archives, exports);
		}

	}

}
