package dev.durabledb.autoconfigure;

import java.time.Clock;

import dev.durabledb.archive.ArchiveWriter;
import dev.durabledb.backup.BackupReason;
import dev.durabledb.backup.BackupRunner;
import dev.durabledb.backup.BackupScheduler;
import dev.durabledb.backup.BackupStore;
import dev.durabledb.backup.Backups;
import dev.durabledb.backup.DurableBackups;
import dev.durabledb.backup.Restores;
import dev.durabledb.backup.Retention;
import dev.durabledb.backup.WriteMarks;
import dev.durabledb.backup.file.FileBackupStore;
import dev.durabledb.backup.s3.S3BackupStore;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.export.ExportJobs;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.instance.SqliteConnections;
import dev.durabledb.metrics.DurableDbMetrics;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.snapshot.Snapshots;
import dev.durabledb.tenant.FinalCopy;
import dev.durabledb.tenant.TenantIdPolicy;
import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;

/**
 * Backups, restore, archives and SQL export: a {@link BackupStore} (a folder by default,
 * or an S3-compatible bucket), scheduled backups when {@code durable-db.backup.schedule}
 * is set, and {@code pre-delete} backups when tenants are deleted.
 */
@AutoConfiguration(after = DurableDbAutoConfiguration.class,
		afterName = "io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration")
@ConditionalOnBooleanProperty(name = "durable-db.backup.enabled", matchIfMissing = true)
public final class DurableDbBackupAutoConfiguration {

	@Bean
	WriteMarks durableDbWriteMarks() {
		return new WriteMarks();
	}

	@Bean
	Backups durableDbBackups(BackupStore store, InstanceFiles files, SqliteConnections connections,
			SchemaMigrations migrations, InstanceRegistry registry, WriteMarks marks, DurableDbMetrics metrics,
			DurableDbProperties properties) {
		DurableDbProperties.Backup.Retention retention = properties.backup().retention();
		return new Backups(store, files, new Snapshots(connections), migrations, registry, marks,
				new Retention(retention.keepLast(), retention.maxAge()), properties.backup().compressionLevel(), metrics,
				Clock.systemUTC());
	}

	@Bean
	Restores durableDbRestores(Backups backups, InstanceFiles files, InstanceRegistry registry,
			SchemaMigrations migrations, SqliteConnections connections, DurableDbMetrics metrics) {
		return new Restores(backups, files, registry, migrations, connections, metrics);
	}

	@Bean
	BackupRunner durableDbBackupRunner(DatabaseCatalog catalog, InstanceFiles files, Backups backups,
			DurableDbProperties properties) {
		DurableDbProperties.Backup.Retry retry = properties.backup().retry();
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(retry.maxRetries())
			.delay(retry.delay())
			.multiplier(retry.multiplier())
			.maxDelay(retry.maxDelay())
			.build();
		return new BackupRunner(catalog, files, backups, policy, properties.backup().parallelism(),
				Clock.systemUTC());
	}

	@Bean(destroyMethod = "close")
	ExportJobs durableDbExportJobs(InstanceFiles files, SqliteConnections connections) {
		return new ExportJobs(files, connections, Clock.systemUTC());
	}

	@Bean
	ArchiveWriter durableDbArchiveWriter(InstanceFiles files, SqliteConnections connections) {
		return new ArchiveWriter(files, new Snapshots(connections), Clock.systemUTC());
	}

	@Bean
	DurableBackups durableDbDurableBackups(DatabaseCatalog catalog, TenantIdPolicy tenantIds, BackupRunner runner,
			Backups backups, Restores restores, ExportJobs exports) {
		return new DurableBackups(catalog, tenantIds, runner, backups, restores, exports);
	}

	/** A deleted tenant's final copy is a {@code pre-delete} backup. */
	@Bean
	FinalCopy durableDbPreDeleteBackup(Backups backups) {
		return (key, file) -> backups.backup(key, BackupReason.PRE_DELETE);
	}

	@Bean
	@ConditionalOnProperty("durable-db.backup.schedule")
	BackupScheduler durableDbBackupScheduler(BackupRunner runner, DurableDbProperties properties) {
		return new BackupScheduler(runner, properties.backup().schedule());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "durable-db.backup.store", havingValue = "file", matchIfMissing = true)
	static class FileStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BackupStore durableDbBackupStore(DurableDbProperties properties) {
			return new FileBackupStore(properties.backup().file().dir());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "durable-db.backup.store", havingValue = "s3")
	@ConditionalOnClass({ S3Client.class, S3ClientCustomizer.class })
	static class S3StoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BackupStore durableDbBackupStore(S3Client s3, DurableDbProperties properties) {
			DurableDbProperties.Backup.S3 settings = properties.backup().s3();
			if (settings.bucket() == null || settings.bucket().isBlank()) {
				throw new IllegalStateException(
						"durable-db.backup.store is s3 but durable-db.backup.s3.bucket is not set");
			}
			return new S3BackupStore(s3, settings.bucket(), settings.prefix());
		}

		/**
		 * AWS SDK 2.30+ adds request checksums to every request, which several
		 * S3-compatible stores reject; send them only where an operation requires them.
		 */
		@Bean
		@ConditionalOnBooleanProperty(name = "durable-db.backup.s3.compatible-checksums", matchIfMissing = true)
		S3ClientCustomizer durableDbCompatibleChecksums() {
			return (builder) -> builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
				.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		}

	}

}
