package dev.durabledb.store;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.DurableDbProperties;
import dev.durabledb.store.file.FileObjectStore;
import dev.durabledb.store.s3.S3ObjectStore;
import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import org.sqlite.SQLiteConnection;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ObjectStore} backups are kept in: a folder ({@code durable-db.backup.store=file},
 * the default) or an S3-compatible bucket ({@code s3}, through the {@code S3Client} that
 * Spring Cloud AWS configures). An application's own {@code ObjectStore} bean replaces
 * both.
 */
@AutoConfiguration(afterName = "io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration")
@ConditionalOnBooleanProperty(name = "durable-db.backup.enabled", matchIfMissing = true)
@ConditionalOnClass(SQLiteConnection.class)
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbStoreAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "durable-db.backup.store", havingValue = "file", matchIfMissing = true)
	static class FileStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ObjectStore durableDbObjectStore(DurableDbProperties properties) {
			return new FileObjectStore(properties.backup().file().dir());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "durable-db.backup.store", havingValue = "s3")
	@ConditionalOnClass({ S3Client.class, S3ClientCustomizer.class })
	static class S3StoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ObjectStore durableDbObjectStore(ObjectProvider<S3Client> s3, DurableDbProperties properties) {
			DurableDbProperties.Backup.S3 settings = properties.backup().s3();
			S3Client client = s3.getIfAvailable();
			if (client == null) {
				throw new DurableDbConfigurationException(
						"durable-db.backup.store is s3 but the application has no S3Client bean",
						"Add io.awspring.cloud:spring-cloud-aws-starter-s3 and its spring.cloud.aws.* settings");
			}
			if (settings.bucket() == null || settings.bucket().isBlank()) {
				throw new DurableDbConfigurationException(
						"durable-db.backup.store is s3 but durable-db.backup.s3.bucket is not set",
						"Set durable-db.backup.s3.bucket to the bucket that keeps the backups");
			}
			return new S3ObjectStore(client, settings.bucket(), settings.prefix());
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
