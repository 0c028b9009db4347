package dev.durabledb.replication;

import java.time.Clock;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.DurableDbProperties;
import dev.durabledb.backup.BackupOperations;
import dev.durabledb.backup.DurableDbBackupAutoConfiguration;
import dev.durabledb.backup.UndoPoints;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.DurableDbInstanceAutoConfiguration;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.sqlite.SqliteConnections;
import dev.durabledb.store.DurableDbStoreAutoConfiguration;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.tenant.DurableDbTenantAutoConfiguration;
import dev.durabledb.tenant.TenantIdPolicy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of replication, on by default wherever there is a backup store: every
 * instance's commits are shipped to it, and {@link Bookmarks} restores any commit inside
 * the retention window. Off with {@code durable-db.replication.enabled=false}; turned on
 * explicitly without a store, startup fails saying so.
 */
@AutoConfiguration(after = { DurableDbStoreAutoConfiguration.class, DurableDbInstanceAutoConfiguration.class,
		DurableDbTenantAutoConfiguration.class, DurableDbBackupAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "durable-db.replication.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbReplicationAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ObjectStore.class)
	static class ReplicationConfiguration {

		/**
		 * The replicator; with a {@link HistoryFence} (cluster mode), histories are fenced and
		 * instances are {@linkplain Replicator#takeOver taken over}.
		 */
		@Bean
		Replicator durableDbReplicator(ObjectStore store, InstanceFiles files,
				SqliteConnections connections, ObjectProvider<InstanceRegistry> registry, ObjectProvider<Clock> clock,
				ObjectProvider<ReplicationListener> listeners, ObjectProvider<HistoryFence> fence,
				ObjectProvider<BackupOperations> backups, DurableDbProperties properties) {
			DurableDbProperties.Replication replication = properties.replication();
			return new Replicator(store, files, connections, registry, backups, fence.getIfUnique(),
					new Replicator.Settings(replication.syncInterval(), replication.checkpointFrames(), replication.threads(),
							replication.acknowledge() == DurableDbProperties.Replication.Acknowledge.REPLICATED,
							replication.retention(), properties.tenant().keepDeleted(),
							replication.snapshotMinimumSegments().toBytes()),
					ReplicationListener.all(listeners.orderedStream().toList()), clock.getIfUnique(Clock::systemUTC));
		}

		/** Every restore from a backup answers the bookmark that undoes it. */
		@Bean
		UndoPoints durableDbUndoPoints(Replicator replicator) {
			return (key) -> replicator.seal(key).toString();
		}

		@Bean
		Recovery durableDbRecovery(ObjectStore store, DatabaseCatalog catalog, InstanceFiles files,
				SqliteConnections connections, DurableDbProperties properties) {
			return new Recovery(store, catalog, files, connections, properties.replication().recover().threads());
		}

		/**
		 * Recovers what {@code durable-db.replication.recover.*} names, if anything, once this
		 * process holds the data dir (the registry locks it) and before the application serves.
		 */
		@Bean
		RecoveryOnStartup durableDbRecoveryOnStartup(Recovery recovery, DatabaseCatalog catalog,
				InstanceRegistry lockedDataDir, DurableDbProperties properties) {
			return new RecoveryOnStartup(recovery, catalog, properties.replication().recover());
		}

		@Bean
		Bookmarks durableDbBookmarks(Replicator replicator, ObjectStore store, DatabaseCatalog catalog,
				InstanceFiles files, SqliteConnections connections, TenantIdPolicy tenantIds, BackupOperations backups) {
			return new Bookmarks(replicator, store, catalog, files, connections, tenantIds, backups);
		}

	}

	/** Asked for explicitly, with nowhere to ship to. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ObjectStore.class)
	@ConditionalOnBooleanProperty("durable-db.replication.enabled")
	static class NoStoreConfiguration {

		NoStoreConfiguration() {
			throw new DurableDbConfigurationException(
					"durable-db.replication.enabled=true ships to the backup store, and there is none",
					"Turn backups on (durable-db.backup.enabled=true) with a store, or replication off");
		}

	}

}
