package dev.durabledb.cluster.remote;

import java.time.Duration;

/**
 * The protocol of action calls between nodes: where they go, the headers that carry the
 * signature and the outcome, and the limits a receiving node holds them to.
 */
final class Wire {

	/** The endpoint, relative to a node's advertised URL. */
	static final String PATH = "/durable-db/cluster/actions";

	/** Only method the endpoint accepts. */
	static final String METHOD = "POST";

	/** Id of the calling node (signed). */
	static final String NODE = "Durable-Db-Node";

	/** When the call was signed, in milliseconds since the epoch (signed). */
	static final String TIMESTAMP = "Durable-Db-Timestamp";

	/** A random value used once (signed). */
	static final String NONCE = "Durable-Db-Nonce";

	/** Base64url of the HMAC-SHA256 of the string to sign, with the cluster secret. */
	static final String SIGNATURE = "Durable-Db-Signature";

	/** On every answer of the endpoint: what the body is. */
	static final String OUTCOME = "Durable-Db-Outcome";

	/** The action ran; the body is its result, as JSON. */
	static final String RESULT = "result";

	/** The action failed (or could not start); the body is the failure, as problem+json. */
	static final String ERROR = "error";

	/** The call was refused before the action was looked at (signature, format); nothing ran. */
	static final String REFUSED = "refused";

	/**
	 * How far a call's timestamp may be from the receiving node's clock, either way. The
	 * nodes' clocks must agree within it (NTP); nonces are remembered for twice as long,
	 * so a call cannot be replayed while its timestamp is still accepted.
	 */
	static final Duration WINDOW = Duration.ofSeconds(30);

	/** Largest request body the endpoint reads. */
	static final int MAX_BODY = 16 * 1024 * 1024;

	private Wire() {
	}

}
