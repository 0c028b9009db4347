package dev.durabledb.cluster.remote;

/**
 * A call the endpoint refuses before running anything: it names no action of this
 * application, or its arguments do not read as the action's parameters. The nodes run
 * different versions of the application, or something else than a node sent it.
 */
final class BadCallException extends RuntimeException {

	BadCallException(String message) {
		super(message);
	}

	BadCallException(String message, Throwable cause) {
		super(message, cause);
	}

}
