package dev.durabledb.cluster.remote;

import org.jspecify.annotations.Nullable;

/**
 * The cause of an exception rebuilt from another node's answer: that exception's message,
 * with its class and the node it was thrown on. It has no stack trace of its own (the other
 * node logged the real one where it had one to log).
 */
final class RemoteCause extends RuntimeException {

	private final String exceptionType;

	private final String node;

	RemoteCause(@Nullable String message, String exceptionType, String node) {
		super(message, null, false, false);
		this.exceptionType = exceptionType;
		this.node = node;
	}

	@Override
	public String toString() {
		return this.exceptionType + " on node " + this.node + ": " + getMessage();
	}

}
