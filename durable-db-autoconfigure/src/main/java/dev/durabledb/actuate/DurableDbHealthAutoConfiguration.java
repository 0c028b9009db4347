package dev.durabledb.actuate;

import java.time.Clock;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.backup.BackupSweep;
import dev.durabledb.backup.DurableDbBackupAutoConfiguration;
import dev.durabledb.cluster.DurableDbClusterAutoConfiguration;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.instance.DurableDbInstanceAutoConfiguration;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.migration.SchemaInspector;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.replication.DurableDbReplicationAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code durableDb} health indicator: the data dir is writable, no instance is stuck
 * in failed migrations, (when backups are scheduled) the last run succeeded and is recent
 * enough, and (when replication is on) commits reach the store in time. In cluster mode,
 * the {@code durableDbCluster} indicator too: renewals keep this node's leases. Each can be
 * turned off on its own ({@code management.health.<name>.enabled=false}).
 */
@AutoConfiguration(after = { DurableDbInstanceAutoConfiguration.class, DurableDbBackupAutoConfiguration.class,
		DurableDbReplicationAutoConfiguration.class, DurableDbClusterAutoConfiguration.class })
@ConditionalOnClass(AbstractHealthIndicator.class)
@ConditionalOnBean(InstanceRegistry.class)
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbHealthAutoConfiguration {

	@Bean
	@ConditionalOnEnabledHealthIndicator("durableDb")
	@ConditionalOnMissingBean(name = "durableDbHealthIndicator")
	DurableDbHealthIndicator durableDbHealthIndicator(InstanceFiles files, SchemaMigrations migrations,
			SchemaInspector inspector, ObjectProvider<BackupSweep> backups, ObjectProvider<Bookmarks> replication,
			DurableDbProperties properties) {
		boolean scheduled = properties.backup().schedule() != null;
		return new DurableDbHealthIndicator(files.dataDir(), properties.health().freeSpaceThreshold().toBytes(),
				migrations, inspector, scheduled ? backups.getIfAvailable() : null,
				properties.backup().staleAfter(), replication.getIfAvailable(),
				properties.replication().lagThreshold(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnBean(LeaseKeeper.class)
	@ConditionalOnEnabledHealthIndicator("durableDbCluster")
	@ConditionalOnMissingBean(name = "durableDbClusterHealthIndicator")
	DurableDbClusterHealthIndicator durableDbClusterHealthIndicator(LeaseKeeper keeper) {
		return new DurableDbClusterHealthIndicator(keeper);
	}

}
