package dev.durabledb.database;

import dev.durabledb.DurableDbException;

/** Thrown when a database name is not one the application declared. */
public class UnknownDatabaseException extends DurableDbException {

	public UnknownDatabaseException(String name) {
		super("Unknown durable database '" + name + "'");
	}

}
