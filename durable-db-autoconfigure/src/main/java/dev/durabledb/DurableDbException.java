package dev.durabledb;

/**
 * Base class of the errors durable-db raises. Messages are safe to show to a client: they
 * never contain file paths or SQL.
 */
public class DurableDbException extends RuntimeException {

	public DurableDbException(String message) {
		super(message);
	}

	public DurableDbException(String message, Throwable cause) {
		super(message, cause);
	}

}
