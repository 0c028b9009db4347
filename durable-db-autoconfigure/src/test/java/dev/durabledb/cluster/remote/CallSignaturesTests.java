package dev.durabledb.cluster.remote;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.durabledb.cluster.remote.CallSignatures.Signed;
import dev.durabledb.cluster.remote.CallSignatures.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The HMAC signature of action calls, their timestamps and their nonces. */
class CallSignaturesTests {

	private static final String SECRET = "a-cluster-secret-of-at-least-32-characters";

	private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

	private final byte[] body = "{\"arguments\":[\"Buy milk\"]}".getBytes(StandardCharsets.UTF_8);

	private final CallSignatures receiver = signatures(SECRET, NOW);

	@Test
	void aCallSignedWithTheSecretIsAuthenticOnce() {
		Signed signed = signatures(SECRET, NOW).sign("node-a", this.body);

		assertThat(verify(this.receiver, signed, this.body)).isEqualTo(Verdict.AUTHENTIC);
		assertThat(verify(this.receiver, signed, this.body)).isEqualTo(Verdict.REPLAYED);
	}

	@Test
	void everySignatureHasItsOwnNonce() {
		CallSignatures sender = signatures(SECRET, NOW);

		assertThat(sender.sign("node-a", this.body).nonce()).isNotEqualTo(sender.sign("node-a", this.body).nonce());
	}

	@Test
	void aCallSignedWithAnotherSecretIsForged() {
		Signed signed = signatures("another-secret-of-at-least-32-characters!", NOW).sign("node-a", this.body);

		assertThat(verify(this.receiver, signed, this.body)).isEqualTo(Verdict.FORGED);
	}

	@Test
	void changingTheBodyTheNodeTheMethodOrThePathBreaksTheSignature() {
		Signed signed = signatures(SECRET, NOW).sign("node-a", this.body);

		assertThat(verify(this.receiver, signed, "{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(Verdict.FORGED);
		assertThat(verify(this.receiver,
				new Signed("node-b", signed.timestamp(), signed.nonce(), signed.signature()), this.body))
			.isEqualTo(Verdict.FORGED);
		assertThat(this.receiver.verify("PUT", Wire.PATH, signed.node(), signed.timestamp(), signed.nonce(),
				signed.signature(), this.body))
			.isEqualTo(Verdict.FORGED);
		assertThat(this.receiver.verify("POST", "/actuator/durable-db", signed.node(), signed.timestamp(),
				signed.nonce(), signed.signature(), this.body))
			.isEqualTo(Verdict.FORGED);
		assertThat(verify(this.receiver, signed, this.body)).as("the untouched call, after the forged ones")
			.isEqualTo(Verdict.AUTHENTIC);
	}

	@Test
	void aTimestampUpToThirtySecondsAwayEitherWayIsAcceptedAndOneFurtherIsStale() {
		assertThat(verify(this.receiver, signatures(SECRET, NOW.minusSeconds(30)).sign("node-a", this.body),
				this.body))
			.isEqualTo(Verdict.AUTHENTIC);
		assertThat(verify(this.receiver, signatures(SECRET, NOW.plusSeconds(30)).sign("node-a", this.body),
				this.body))
			.isEqualTo(Verdict.AUTHENTIC);
		assertThat(verify(this.receiver,
				signatures(SECRET, NOW.minus(Duration.ofSeconds(30).plusMillis(1))).sign("node-a", this.body),
				this.body))
			.isEqualTo(Verdict.STALE);
		assertThat(verify(this.receiver,
				signatures(SECRET, NOW.plus(Duration.ofSeconds(30).plusMillis(1))).sign("node-a", this.body),
				this.body))
			.isEqualTo(Verdict.STALE);
	}

	@Test
	void missingOrMalformedHeadersAreRefusedBeforeAnySignatureIsComputed() {
		Signed signed = signatures(SECRET, NOW).sign("node-a", this.body);

		assertThat(this.receiver.checkHeaders(null, signed.timestamp(), signed.nonce(), signed.signature()))
			.isEqualTo(Verdict.UNSIGNED);
		assertThat(this.receiver.checkHeaders(signed.node(), signed.timestamp(), signed.nonce(), null))
			.isEqualTo(Verdict.UNSIGNED);
		assertThat(this.receiver.checkHeaders("node a", signed.timestamp(), signed.nonce(), signed.signature()))
			.isEqualTo(Verdict.MALFORMED);
		assertThat(this.receiver.checkHeaders(signed.node(), "-1", signed.nonce(), signed.signature()))
			.isEqualTo(Verdict.MALFORMED);
		assertThat(this.receiver.checkHeaders(signed.node(), signed.timestamp(), "short", signed.signature()))
			.isEqualTo(Verdict.MALFORMED);
		assertThat(verify(this.receiver, new Signed(signed.node(), signed.timestamp(), signed.nonce(), "%%%"),
				this.body))
			.isEqualTo(Verdict.FORGED);
	}

	@Test
	void aForgedCallDoesNotSpendTheNonceOfTheAuthenticOne() {
		Signed signed = signatures(SECRET, NOW).sign("node-a", this.body);
		Signed forged = new Signed(signed.node(), signed.timestamp(), signed.nonce(),
				signatures("another-secret-of-at-least-32-characters!", NOW).sign("node-a", this.body).signature());

		assertThat(verify(this.receiver, forged, this.body)).isEqualTo(Verdict.FORGED);
		assertThat(verify(this.receiver, signed, this.body)).isEqualTo(Verdict.AUTHENTIC);
	}

	private static CallSignatures signatures(String secret, Instant now) {
		return new CallSignatures(secret, Clock.fixed(now, ZoneOffset.UTC), new SeenNonces(Wire.WINDOW));
	}

	private static Verdict verify(CallSignatures receiver, Signed signed, byte[] body) {
		return receiver.verify("POST", Wire.PATH, signed.node(), signed.timestamp(), signed.nonce(),
				signed.signature(), body);
	}

}
