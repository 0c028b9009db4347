package dev.durabledb.migration;

/** How an instance behind its changelog is migrated (see {@code durable-db.migration.replay}). */
public enum MigrationPath {

	/** The template's recorded steps, replayed in one transaction, without Liquibase. */
	REPLAY("replay"),

	/** Liquibase, under the guard of a snapshot. */
	LIQUIBASE("liquibase");

	private final String label;

	MigrationPath(String label) {
		this.label = label;
	}

	/** {@code replay} or {@code liquibase}. */
	public String label() {
		return this.label;
	}

}
