package dev.durabledb.reset;

import dev.durabledb.DurableDbException;

/**
 * Thrown when a dev reset or purge is asked for and {@code durable-db.dev.reset} is not
 * {@code true}; nothing was touched.
 */
public class DevResetDisabledException extends DurableDbException {

	public DevResetDisabledException() {
		super("Dev reset is off: it empties every instance of a database and is meant for development only."
				+ " Set durable-db.dev.reset=true to allow it");
	}

}
