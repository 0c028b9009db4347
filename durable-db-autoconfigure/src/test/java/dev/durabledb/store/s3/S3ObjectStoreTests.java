package dev.durabledb.store.s3;

import dev.durabledb.fixtures.S3Proxies;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.ObjectStoreContract;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The store contract against a real S3 protocol server (S3Proxy) on loopback. S3Proxy
 * (4.1 with its default filesystem backend) honours {@code If-None-Match: *} on PUT with
 * a hard link, so conditional writes hold there under races too, as the contract checks.
 */
class S3ObjectStoreTests extends ObjectStoreContract {

	@RegisterExtension
	static final S3ProxyExtension S3_PROXY = S3Proxies.server();

	private S3Client client;

	@Override
	protected ObjectStore store() {
		this.client = S3Proxies.client(S3_PROXY);
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
