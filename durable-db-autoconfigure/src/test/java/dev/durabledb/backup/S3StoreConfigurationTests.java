package dev.durabledb.backup;

import java.nio.file.Path;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.S3Proxies;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.store.s3.S3ObjectStore;
import dev.durabledb.tenant.Tenants;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.autoconfigure.AutoConfigurations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 store set up by configuration alone, through the {@code S3Client} that Spring
 * Cloud AWS auto-configures, against a real S3 protocol server on loopback.
 */
class S3StoreConfigurationTests {

	@RegisterExtension
	static final S3ProxyExtension S3_PROXY = S3Proxies.server();

	@TempDir
	Path root;

	@Test
	void backUpAndRestoreThroughAnS3CompatibleStore() {
		try (S3Client admin = S3Proxies.client(S3_PROXY)) {
			admin.createBucket((request) -> request.bucket("tenant-backups"));
		}
		TestApplications.withBackups(this.root.resolve("data"), this.root.resolve("unused"))
			.withConfiguration(AutoConfigurations.of(AwsAutoConfiguration.class,
					CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class,
					S3AutoConfiguration.class))
			.withPropertyValues("durable-db.backup.store=s3", "durable-db.backup.s3.bucket=tenant-backups",
					"durable-db.backup.s3.prefix=prod", "spring.cloud.aws.s3.endpoint=" + S3_PROXY.getUri(),
					"spring.cloud.aws.s3.path-style-access-enabled=true", "spring.cloud.aws.region.static=us-east-1",
					"spring.cloud.aws.credentials.access-key=" + S3Proxies.ACCESS_KEY,
					"spring.cloud.aws.credentials.secret-key=" + S3Proxies.SECRET_KEY)
			.run((context) -> {
				assertThat(context).hasSingleBean(S3ObjectStore.class);
				NoteActions notes = context.getBean(NoteActions.class);
				BackupOperations backups = context.getBean(BackupOperations.class);
				Tenants.run("acme", () -> notes.add("in the bucket"));
				BackupManifest backup = backups.backup("notes", "acme");
				Tenants.run("acme", () -> notes.add("after"));

				backups.restore("notes", "acme", backup.id());

				assertThat(Tenants.call("acme", notes::bodies)).containsExactly("in the bucket");
				assertThat(backups.list("notes", "acme")).hasSize(2);
				assertThat(this.root.resolve("unused")).doesNotExist();
			});
	}

	@Test
	void anS3StoreWithoutABucketFailsStartupClearly() {
		TestApplications.withBackups(this.root.resolve("data"), this.root.resolve("unused"))
			.withConfiguration(AutoConfigurations.of(AwsAutoConfiguration.class,
					CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class,
					S3AutoConfiguration.class))
			.withPropertyValues("durable-db.backup.store=s3", "spring.cloud.aws.region.static=us-east-1",
					"spring.cloud.aws.credentials.access-key=a", "spring.cloud.aws.credentials.secret-key=b")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("durable-db.backup.s3.bucket is not set"));
	}

}
