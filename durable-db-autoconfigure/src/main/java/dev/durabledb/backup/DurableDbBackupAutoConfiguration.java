package dev.durabledb.backup;

import java.time.Clock;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.DurableDbInstanceAutoConfiguration;
import dev.durabledb.instance.FileSwapJournal;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.migration.SchemaInspector;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.snapshot.Snapshots;
import dev.durabledb.sqlite.SqliteConnections;
import dev.durabledb.store.DurableDbStoreAutoConfiguration;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.tenant.FinalCopy;
import dev.durabledb.tenant.TenantIdPolicy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.retry.RetryPolicy;

/**
 * Backups and restore: backups of instances to the {@link ObjectStore}, with retries and
 * retention, the {@link BackupOperations} Java API, scheduled backups when
 * {@code durable-db.backup.schedule} is set, and a {@code pre-delete} backup as the final
 * copy of a deleted tenant. Off with {@code durable-db.backup.enabled=false}.
 */
@AutoConfiguration(after = { DurableDbInstanceAutoConfiguration.class, DurableDbStoreAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "durable-db.backup.enabled", matchIfMissing = true)
@ConditionalOnBean({ ObjectStore.class, InstanceRegistry.class })
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbBackupAutoConfiguration {

	@Bean
	WriteMarks durableDbWriteMarks() {
		return new WriteMarks();
	}

	@Bean
	BackupMaker durableDbBackupMaker(ObjectStore store, InstanceFiles files, SqliteConnections connections,
			SchemaInspector inspector, InstanceRegistry registry, WriteMarks marks,
			ObjectProvider<BackupListener> listeners, DurableDbProperties properties) {
		DurableDbProperties.Backup.Retention retention = properties.backup().retention();
		return new BackupMaker(new BackupStore(store), files, new Snapshots(connections), inspector, registry, marks,
				new Retention(retention.keepLast(), retention.maxAge()), properties.backup().compressionLevel(),
				BackupListener.all(listeners.orderedStream().toList()), Clock.systemUTC());
	}

	@Bean
	Restorer durableDbRestorer(BackupMaker backups, InstanceFiles files, InstanceRegistry registry,
			SchemaMigrations migrations, SchemaInspector inspector, SqliteConnections connections,
			ObjectProvider<BackupListener> listeners, FileSwapJournal swaps, ObjectProvider<RestoreSteps> steps,
			ObjectProvider<UndoPoints> undoPoints) {
		return new Restorer(backups, files, registry, migrations, inspector, connections,
				BackupListener.all(listeners.orderedStream().toList()), swaps, steps.getIfAvailable(() -> RestoreSteps.NONE),
				undoPoints.getIfAvailable(() -> UndoPoints.NONE));
	}

	@Bean
	BackupSweep durableDbBackupSweep(DatabaseCatalog catalog, InstanceFiles files, BackupMaker backups,
			DurableDbProperties properties) {
		DurableDbProperties.Backup.Retry retry = properties.backup().retry();
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(retry.maxRetries())
			.delay(retry.delay())
			.multiplier(retry.multiplier())
			.maxDelay(retry.maxDelay())
			.build();
		return new BackupSweep(catalog, files, backups, policy, properties.backup().parallelism(), Clock.systemUTC());
	}

	@Bean
	BackupOperations durableDbBackupOperations(DatabaseCatalog catalog, TenantIdPolicy tenantIds, BackupSweep sweep,
			BackupMaker backups, Restorer restorer) {
		return new BackupOperations(catalog, tenantIds, sweep, backups, restorer);
	}

	@Bean
	PendingPreRestores durableDbPendingPreRestores(DatabaseCatalog catalog, InstanceFiles files,
			BackupMaker backups) {
		return new PendingPreRestores(catalog, files, backups);
	}

	/** A deleted tenant's final copy is a {@code pre-delete} backup. */
	@Bean
	FinalCopy durableDbPreDeleteBackup(BackupMaker backups) {
		return (key, file) -> backups.backup(key, BackupReason.PRE_DELETE);
	}

	@Bean
	@ConditionalOnProperty("durable-db.backup.schedule")
	ScheduledBackups durableDbScheduledBackups(BackupSweep sweep, DurableDbProperties properties) {
		return new ScheduledBackups(sweep, properties.backup().schedule());
	}

}
