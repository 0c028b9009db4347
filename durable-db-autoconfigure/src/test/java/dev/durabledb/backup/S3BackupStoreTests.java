package dev.durabledb.backup;

import dev.durabledb.fixtures.S3Proxies;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.s3.S3ObjectStore;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** The backup contract over a real S3 protocol server (S3Proxy) on loopback. */
class S3BackupStoreTests extends BackupStoreContract {

	@RegisterExtension
	static final S3ProxyExtension S3_PROXY = S3Proxies.server();

	private S3Client client;

	@Override
	protected ObjectStore objects() {
		this.client = S3Proxies.client(S3_PROXY);
		this.client.createBucket((request) -> request.bucket("backups"));
		return new S3ObjectStore(this.client, "backups", "team/durable-db");
	}

	@AfterEach
	void closeClient() {
		if (this.client != null) {
			this.client.close();
		}
	}

}
