package dev.durabledb.cluster.remote;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The nonces of the calls this node accepted, each remembered for twice the timestamp
 * window: a call accepted at the far edge of the window (its timestamp a window behind
 * this node's clock, or ahead of it) is still refused as a replay until its timestamp is
 * refused as stale. Only authentic calls add to it, so its size is bounded by the rate of
 * calls from nodes that hold the secret.
 */
final class SeenNonces {

	private final Cache<String, Boolean> seen;

	SeenNonces(Duration window) {
		this.seen = Caffeine.newBuilder().expireAfterWrite(window.multipliedBy(2)).build();
	}

	/** Whether this is the first use of {@code nonce} by {@code node}; remembers it. */
	boolean firstUse(String node, String nonce) {
		return this.seen.asMap().putIfAbsent(node + " " + nonce, Boolean.TRUE) == null;
	}

}
