package dev.durabledb.cluster.remote;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Signs action calls with the cluster secret, and checks the calls a node receives.
 * <p>
 * The signature is the HMAC-SHA256, keyed with the secret's UTF-8 bytes, of the lines
 * {@code durable-db-v1}, the HTTP method, the path ({@value Wire#PATH}), the timestamp,
 * the nonce, the calling node's id and the hex SHA-256 of the body, joined by {@code \n}.
 * A call is accepted when it carries all four headers, its timestamp is within
 * {@link Wire#WINDOW} of this node's clock, its signature is right (compared in constant
 * time), and its nonce was not seen before; the nonce is remembered only once all the rest
 * holds, so that calls without the secret cannot fill the memory of nonces.
 */
final class CallSignatures {

	private static final String ALGORITHM = "HmacSHA256";

	private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");

	private static final Pattern NODE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

	private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,15}");

	private final SecretKeySpec key;

	private final Clock clock;

	private final SeenNonces nonces;

	private final SecureRandom random = new SecureRandom();

	CallSignatures(String secret, Clock clock, SeenNonces nonces) {
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
		this.clock = clock;
		this.nonces = nonces;
	}

	/** Signs a call from {@code node} with {@code body}, now, with a fresh nonce. */
	Signed sign(String node, byte[] body) {
		String timestamp = Long.toString(this.clock.millis());
		byte[] nonceBytes = new byte[16];
		this.random.nextBytes(nonceBytes);
		String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
		byte[] mac = mac(Wire.METHOD, Wire.PATH, timestamp, nonce, node, body);
		return new Signed(node, timestamp, nonce, Base64.getUrlEncoder().withoutPadding().encodeToString(mac));
	}

	/**
	 * Whether the headers of a call can be authentic now, before its body is read: all
	 * there, well formed, and a timestamp within the window.
	 */
	Verdict checkHeaders(@Nullable String node, @Nullable String timestamp, @Nullable String nonce,
			@Nullable String signature) {
		if (node == null || timestamp == null || nonce == null || signature == null) {
			return Verdict.UNSIGNED;
		}
		if (!NODE.matcher(node).matches() || !TIMESTAMP.matcher(timestamp).matches()
				|| !NONCE.matcher(nonce).matches()) {
			return Verdict.MALFORMED;
		}
		long skew = Math.abs(this.clock.millis() - Long.parseLong(timestamp));
		return (skew > Wire.WINDOW.toMillis()) ? Verdict.STALE : Verdict.AUTHENTIC;
	}

	/**
	 * Checks a whole call: its headers (as {@link #checkHeaders}), its signature over
	 * {@code method}, {@code path} and {@code body}, and that its nonce is new; remembers
	 * the nonce of an authentic call.
	 */
	Verdict verify(String method, String path, @Nullable String node, @Nullable String timestamp,
			@Nullable String nonce, @Nullable String signature, byte[] body) {
		Verdict headers = checkHeaders(node, timestamp, nonce, signature);
		if (headers != Verdict.AUTHENTIC) {
			return headers;
		}
		byte[] given;
		try {
			given = Base64.getUrlDecoder().decode(signature);
		}
		catch (IllegalArgumentException ex) {
			return Verdict.FORGED;
		}
		if (!MessageDigest.isEqual(given, mac(method, path, timestamp, nonce, node, body))) {
			return Verdict.FORGED;
		}
		return this.nonces.firstUse(node, nonce) ? Verdict.AUTHENTIC : Verdict.REPLAYED;
	}

	private byte[] mac(String method, String path, String timestamp, String nonce, String node, byte[] body) {
		String toSign = String.join("\n", "durable-db-v1", method, path, timestamp, nonce, node,
				HexFormat.of().formatHex(sha256(body)));
		try {
			// A Mac is not thread-safe, and a new one costs about a microsecond.
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	private static byte[] sha256(byte[] body) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(body);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * The headers of a signed call.
	 *
	 * @param node the calling node's id
	 * @param timestamp when it was signed, in milliseconds since the epoch
	 * @param nonce a random value, used once
	 * @param signature base64url of the HMAC
	 */
	record Signed(String node, String timestamp, String nonce, String signature) {
	}

	/** What the check of a call found; every verdict but the first refuses the call. */
	enum Verdict {

		AUTHENTIC(""),

		UNSIGNED("The call is not signed: it must carry the Durable-Db-Node, Durable-Db-Timestamp, "
				+ "Durable-Db-Nonce and Durable-Db-Signature headers"),

		MALFORMED("The call's signature headers are malformed"),

		STALE("The call's timestamp is more than " + Wire.WINDOW.toSeconds()
				+ " s away from this node's clock: the nodes' clocks must agree (NTP)"),

		FORGED("The call's signature is wrong: the nodes must share durable-db.cluster.secret"),

		REPLAYED("The call's nonce was used before: a call is accepted once");

		private final String detail;

		Verdict(String detail) {
			this.detail = detail;
		}

		/** Why the call is refused, as the refusal says it. */
		String detail() {
			return this.detail;
		}

	}

}
