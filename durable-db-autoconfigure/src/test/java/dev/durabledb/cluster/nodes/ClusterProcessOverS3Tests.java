package dev.durabledb.cluster.nodes;

import java.nio.file.Path;
import java.time.Duration;

import dev.durabledb.fixtures.Postgres;
import dev.durabledb.fixtures.S3Proxies;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Three nodes, each a JVM of its own, sharing their tenants through an S3 store (S3Proxy
 * on loopback, which honours conditional writes): a killed node's tenants are served by
 * the others, with every acknowledged write.
 */
class ClusterProcessOverS3Tests {

	private static final Duration TTL = Duration.ofSeconds(2);

	@RegisterExtension
	static final S3ProxyExtension S3_PROXY = S3Proxies.server();

	@TempDir
	Path root;

	private final String table = Postgres.uniqueName("leases");

	private NodeProcesses nodes;

	@BeforeEach
	void bucket() {
		Postgres.assumeAvailable();
		try (S3Client admin = S3Proxies.client(S3_PROXY)) {
			admin.createBucket((request) -> request.bucket("cluster"));
		}
		this.nodes = new NodeProcesses(this.root, this.table, NodeProcesses.replicated(TTL, "durable-db.backup.store=s3",
				"durable-db.backup.s3.bucket=cluster", "spring.cloud.aws.s3.endpoint=" + S3_PROXY.getUri(),
				"spring.cloud.aws.s3.path-style-access-enabled=true",
				"spring.cloud.aws.credentials.access-key=" + S3Proxies.ACCESS_KEY,
				"spring.cloud.aws.credentials.secret-key=" + S3Proxies.SECRET_KEY));
	}

	@AfterEach
	void stopNodes() {
		if (this.nodes != null) {
			this.nodes.close();
			Postgres.drop(this.table);
		}
	}

	@Test
	void aKilledNodesTenantsAreServedByTheOthersWithNoAcknowledgedWriteLost() {
		new Ledgers(this.nodes::logs).killOneOfThree(this.nodes, "S3 (S3Proxy)", TTL);
	}

}
