package dev.durabledb.database;

import dev.durabledb.DurableDbException;

/** Thrown when a database name is not one the application declared. */
public class UnknownDatabaseException extends DurableDbException {

	private final String name;

	public UnknownDatabaseException(String name) {
		super("Unknown durable database '" + name + "'");
		this.name = name;
	}

	/** The name that no database has. */
	public String getName() {
		return this.name;
	}

}
