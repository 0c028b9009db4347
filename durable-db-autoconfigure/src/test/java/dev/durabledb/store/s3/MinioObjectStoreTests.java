package dev.durabledb.store.s3;

import java.net.URI;

import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.ObjectStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The store contract against MinIO, conditional writes and their probe included, on
 * machines with Docker (Testcontainers skips the class where there is none;
 * S3ObjectStoreTests covers the S3 protocol everywhere).
 */
@Testcontainers(disabledWithoutDocker = true)
class MinioObjectStoreTests extends ObjectStoreContract {

	@Container
	static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2025-09-07T16-13-09Z");

	private S3Client client;

	@Override
	protected ObjectStore store() {
		this.client = S3Client.builder()
			.endpointOverride(URI.create(MINIO.getS3URL()))
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(MINIO.getUserName(), MINIO.getPassword())))
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.build();
		String bucket = "objects-" + System.nanoTime();
		this.client.createBucket((request) -> request.bucket(bucket));
		return new S3ObjectStore(this.client, bucket, "team/durable-db");
	}

	@AfterEach
	void closeClient() {
		if (this.client != null) {
			this.client.close();
		}
	}

}
