package dev.durabledb.autoconfigure;

import java.time.Clock;

import dev.durabledb.actuate.DurableDbArchiveEndpoint;
import dev.durabledb.actuate.DurableDbEndpoint;
import dev.durabledb.actuate.DurableDbHealthIndicator;
import dev.durabledb.archive.ArchiveWriter;
import dev.durabledb.backup.BackupRunner;
import dev.durabledb.backup.DurableBackups;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.tenant.TenantIdPolicy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code durabledb} and {@code durabledbarchive} actuator endpoints and the
 * {@code durableDb} health indicator.
 */
@AutoConfiguration(after = { DurableDbAutoConfiguration.class, DurableDbBackupAutoConfiguration.class })
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(InstanceRegistry.class)
public final class DurableDbActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(DurableDbEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DurableDbEndpoint durableDbEndpoint(DatabaseCatalog catalog, InstanceFiles files, InstanceRegistry registry,
				SchemaMigrations migrations, TenantIdPolicy tenantIds, ObjectProvider<DurableBackups> backups) {
			return new DurableDbEndpoint(catalog, files, registry, migrations, tenantIds, backups.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(DurableDbArchiveEndpoint.class)
	@ConditionalOnBean(DurableBackups.class)
	static class ArchiveEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DurableDbArchiveEndpoint durableDbArchiveEndpoint(DatabaseCatalog catalog, ArchiveWriter archives,
				DurableBackups backups) {
			return new DurableDbArchiveEndpoint(catalog, archives, backups);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AbstractHealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("durableDb")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "durableDbHealthIndicator")
		DurableDbHealthIndicator durableDbHealthIndicator(InstanceFiles files, SchemaMigrations migrations,
				ObjectProvider<BackupRunner> backups, DurableDbProperties properties) {
			boolean scheduled = properties.backup().schedule() != null;
			return new DurableDbHealthIndicator(files.dataDir(), migrations,
					scheduled ? backups.getIfAvailable() : null, properties.backup().staleAfter(), Clock.systemUTC());
		}

	}

}
