package dev.durabledb.tenant;

import java.time.Clock;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceProvisioner;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.sqlite.SqliteConnections;
import org.sqlite.SQLiteConnection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of tenants: which ids are valid ({@code durable-db.tenant.pattern},
 * or an application's own {@link TenantIdPolicy} bean) and the {@link TenantDirectory}
 * that lists, creates and deletes them. Deleted tenants keep a final copy through the
 * application's {@link FinalCopy} bean: a {@code pre-delete} backup when backups are on,
 * the file moved to a hidden folder otherwise.
 */
@AutoConfiguration
@ConditionalOnClass(SQLiteConnection.class)
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbTenantAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TenantIdPolicy durableDbTenantIdPolicy(DurableDbProperties properties) {
		return new TenantIdPolicy(properties.tenant().pattern());
	}

	@Bean
	TenantDirectory durableDbTenantDirectory(DatabaseCatalog catalog, InstanceFiles files, InstanceRegistry registry,
			InstanceProvisioner provisioner, SqliteConnections connections, TenantIdPolicy tenantIds,
			ObjectProvider<FinalCopy> finalCopy, ObjectProvider<InstanceCreationGuard> creationGuard,
			DurableDbProperties properties) {
		return new TenantDirectory(catalog, files, registry, provisioner, connections, tenantIds,
				properties.tenant().keepDeleted(),
				finalCopy.getIfAvailable(() -> TenantDirectory.moveToDeletedFolder(files, Clock.systemUTC())),
				creationGuard.getIfUnique(() -> (key, create) -> create.getAsBoolean()));
	}

}
