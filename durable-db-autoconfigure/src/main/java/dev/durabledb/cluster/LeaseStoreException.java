package dev.durabledb.cluster;

import dev.durabledb.DurableDbException;

/** The lease store (the application's PostgreSQL database) did not answer, or answered with an error. */
public class LeaseStoreException extends DurableDbException {

	public LeaseStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
