package dev.durabledb.database;

/** How many SQLite files a database has. */
public enum InstanceStrategy {

	/** One file per tenant. */
	PER_TENANT,

	/** One file shared by every tenant. */
	GLOBAL

}
