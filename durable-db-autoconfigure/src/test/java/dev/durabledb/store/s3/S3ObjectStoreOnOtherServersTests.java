package dev.durabledb.store.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.durabledb.store.ConditionalWrites;
import dev.durabledb.store.ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Conditional writes on S3-compatible servers that do not honour {@code If-None-Match}
 * the way AWS S3, MinIO and S3Proxy do ({@link S3ObjectStoreTests} runs the contract on
 * S3Proxy): what the store answers, and what the probe finds.
 */
class S3ObjectStoreOnOtherServersTests {

	@TempDir
	Path work;

	@Test
	void aServerThatIgnoresTheConditionIsFoundUnsupported() throws IOException {
		try (OtherS3Server server = new OtherS3Server(OtherS3Server.Conditions.IGNORED);
				S3Client client = server.client()) {
			ObjectStore store = new S3ObjectStore(client, "objects", "team");

			ConditionalWrites found = store.probeConditionalWrites();

			assertThat(found.supported()).isFalse();
			assertThat(found.detail())
				.isEqualTo("s3://objects/team/ accepted a second put-if-absent on one key: it ignores the condition "
						+ "(If-None-Match) and overwrites");
			assertThat(server.conditionalPuts()).isEqualTo(2);
			assertThat(server.objects()).as("the probe deletes its object").isEmpty();
		}
	}

	@Test
	void aServerThatDoesNotImplementTheConditionIsFoundUnsupported() throws IOException {
		try (OtherS3Server server = new OtherS3Server(OtherS3Server.Conditions.NOT_IMPLEMENTED);
				S3Client client = server.client()) {
			ObjectStore store = new S3ObjectStore(client, "objects", "team");

			assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(() -> store.putIfAbsent("main/acme/1.claim", new byte[] { 1 }))
				.withMessage("the server does not implement If-None-Match on PUT (501 NotImplemented)");
			ConditionalWrites found = store.probeConditionalWrites();

			assertThat(found.supported()).isFalse();
			assertThat(found.detail()).isEqualTo("s3://objects/team/ cannot write conditionally: "
					+ "the server does not implement If-None-Match on PUT (501 NotImplemented)");
			assertThat(server.conditionalPuts()).isEqualTo(2);
			assertThat(server.objects()).isEmpty();
		}
	}

	@Test
	void aConflictWithARacingPutIsRetriedUntilTheServerDecides() throws IOException {
		try (OtherS3Server server = new OtherS3Server(OtherS3Server.Conditions.CONFLICTING, 2);
				S3Client client = server.client()) {
			ObjectStore store = new S3ObjectStore(client, "objects", "team");

			assertThat(store.putIfAbsent("main/acme/1.claim", "node-a".getBytes())).isTrue();
			assertThat(store.putIfAbsent("main/acme/1.claim", Files.write(this.work.resolve("b"), "node-b".getBytes())))
				.isFalse();

			assertThat(server.conditionalPuts()).isEqualTo(4);
			assertThat(store.read("main/acme/1.claim")).isEqualTo("node-a".getBytes());
		}
	}

	@Test
	void aConflictThatLastsFailsThePutAfterAFewAttempts() throws IOException {
		try (OtherS3Server server = new OtherS3Server(OtherS3Server.Conditions.CONFLICTING, Integer.MAX_VALUE);
				S3Client client = server.client()) {
			ObjectStore store = new S3ObjectStore(client, "objects", "team");

			assertThatIOException().isThrownBy(() -> store.putIfAbsent("main/acme/1.claim", new byte[] { 1 }))
				.withMessage("Could not store main/acme/1.claim in s3://objects/team/ (put-if-absent)");

			assertThat(server.conditionalPuts()).isEqualTo(5);
			assertThat(server.objects()).isEmpty();
		}
	}

	@Test
	void aRefusedPutIsAnErrorNotALostRace() throws IOException {
		try (OtherS3Server server = new OtherS3Server(OtherS3Server.Conditions.FORBIDDEN);
				S3Client client = server.client()) {
			ObjectStore store = new S3ObjectStore(client, "objects", "team");

			assertThatIOException().isThrownBy(() -> store.putIfAbsent("main/acme/1.claim", new byte[] { 1 }))
				.withMessage("Could not store main/acme/1.claim in s3://objects/team/ (put-if-absent)");
			assertThatIOException().isThrownBy(store::probeConditionalWrites);

			assertThat(server.objects()).isEmpty();
		}
	}

}
