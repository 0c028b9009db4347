package dev.durabledb.instance;

/**
 * Names one SQLite file: a database and an instance of it (a tenant id for a per-tenant
 * database, {@value #GLOBAL} for a global one).
 *
 * @param database the database name
 * @param instance the tenant id, or {@value #GLOBAL}
 */
public record InstanceKey(String database, String instance) {

	/** The instance key of a global database. */
	public static final String GLOBAL = "global";

	public static InstanceKey global(String database) {
		return new InstanceKey(database, GLOBAL);
	}

	@Override
	public String toString() {
		return this.database + "/" + this.instance;
	}

}
