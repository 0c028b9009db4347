package dev.durabledb.backup;

import dev.durabledb.backup.s3.S3BackupStore;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The store contract against a real S3 protocol server (S3Proxy) on loopback. */
class S3BackupStoreTests extends BackupStoreContract {

	static final String ACCESS_KEY = "durable-access";

	static final String SECRET_KEY = "durable-secret";

	@RegisterExtension
	static final S3ProxyExtension S3_PROXY = S3ProxyExtension.builder()
		.withCredentials(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
		.build();

	private S3Client client;

	@Override
	protected BackupStore store() {
		this.client = client(S3_PROXY);
		this.client.createBucket((request) -> request.bucket("backups"));
		return new S3BackupStore(this.client, "backups", "team/durable-db");
	}

	@AfterEach
	void closeClient() {
		if (this.client != null) {
			this.client.close();
		}
	}

	static S3Client client(S3ProxyExtension proxy) {
		return S3Client.builder()
			.endpointOverride(proxy.getUri())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.build();
	}

}
