package dev.durabledb.export;

import java.time.Clock;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.DurableDbInstanceAutoConfiguration;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.snapshot.Snapshots;
import dev.durabledb.sqlite.SqliteConnections;
import dev.durabledb.tenant.TenantIdPolicy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Getting data out: SQL exports of one instance ({@link ExportOperations}, start then
 * poll) and archives of every instance of a database ({@link ArchiveWriter}). They copy
 * tenant data, so they are off with backups ({@code durable-db.backup.enabled=false}).
 */
@AutoConfiguration(after = DurableDbInstanceAutoConfiguration.class)
@ConditionalOnBean(InstanceRegistry.class)
@ConditionalOnBooleanProperty(name = "durable-db.backup.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbExportAutoConfiguration {

	@Bean(destroyMethod = "close")
	ExportJobs durableDbExportJobs(InstanceFiles files, SqliteConnections connections) {
		return new ExportJobs(files, connections, Clock.systemUTC());
	}

	@Bean
	ExportOperations durableDbExportOperations(DatabaseCatalog catalog, TenantIdPolicy tenantIds, ExportJobs jobs) {
		return new ExportOperations(catalog, tenantIds, jobs);
	}

	@Bean
	ArchiveWriter durableDbArchiveWriter(InstanceFiles files, SqliteConnections connections) {
		return new ArchiveWriter(files, new Snapshots(connections), Clock.systemUTC());
	}

}
