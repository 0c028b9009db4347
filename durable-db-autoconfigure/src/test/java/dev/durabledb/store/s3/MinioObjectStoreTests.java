package dev.durabledb.store.s3;

import dev.durabledb.fixtures.MinioClients;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.ObjectStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The store contract against MinIO, conditional writes and their probe included, on
 * machines with Docker (Testcontainers skips the class where there is none;
 * S3ObjectStoreTests covers the S3 protocol everywhere).
 */
@Testcontainers(disabledWithoutDocker = true)
class MinioObjectStoreTests extends ObjectStoreContract {

	@Container
	static final MinIOContainer MINIO = new MinIOContainer(MinioClients.IMAGE);

	private S3Client client;

	@Override
	protected ObjectStore store() {
		String bucket = "objects-" + System.nanoTime();
		this.client = MinioClients.withBucket(MINIO, bucket);
		return new S3ObjectStore(this.client, bucket, "team/durable-db");
	}

	@AfterEach
	void closeClient() {
		if (this.client != null) {
			this.client.close();
		}
	}

}
