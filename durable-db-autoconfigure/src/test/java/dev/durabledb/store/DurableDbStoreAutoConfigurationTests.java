package dev.durabledb.store;

import java.nio.file.Path;

import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.store.file.FileObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbStoreAutoConfigurationTests {

	@TempDir
	Path root;

	private ApplicationContextRunner runner() {
		return TestApplications.starterWithBackups(this.root);
	}

	@Test
	void aFolderByDefault() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(FileObjectStore.class);
			assertThat(context.getBean(ObjectStore.class).describe()).isEqualTo("file:" + this.root.resolve("backups"));
			assertThat(this.root.resolve("backups")).doesNotExist();
		});
	}

	@Test
	void backsOffForTheApplicationsOwnStore() {
		ObjectStore own = new FileObjectStore(this.root.resolve("own"));
		runner().withBean("ownStore", ObjectStore.class, () -> own)
			.run((context) -> assertThat(context).hasSingleBean(ObjectStore.class).hasBean("ownStore"));
	}

	@Test
	void noStoreWhenBackupsAreOff() {
		runner().withPropertyValues("durable-db.backup.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ObjectStore.class));
	}

	@Test
	void anS3StoreWithoutTheS3ClientOfSpringCloudAwsFailsStartupSayingWhatToAdd() {
		runner().withPropertyValues("durable-db.backup.store=s3", "durable-db.backup.s3.bucket=backups")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("durable-db.backup.store is s3 but the application has no S3Client bean")
				.hasStackTraceContaining("spring-cloud-aws-starter-s3"));
	}

}
