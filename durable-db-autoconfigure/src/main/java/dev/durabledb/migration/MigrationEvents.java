package dev.durabledb.migration;

/** What migrations report as they go; metrics listen to it. */
public interface MigrationEvents {

	/** Does nothing. */
	MigrationEvents NONE = (database, success) -> {
	};

	/** Liquibase ran on an instance or a template of {@code database}. */
	void liquibaseRan(String database, boolean success);

}
