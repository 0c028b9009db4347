package dev.durabledb.migration;

import dev.durabledb.DurableDbConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a database's changelog fails on an empty database, so that no tenant of it
 * can be created: at startup (the application does not start) or, should the template be
 * rebuilt later, on the request that needed it. No tenant file was changed.
 */
public class ChangelogFailedException extends DurableDbConfigurationException {

	private final String database;

	private final @Nullable String changeSet;

	ChangelogFailedException(String database, String location, ChangeSetFailure failure) {
		super("The changelog of database '" + database + "' (" + location + ") fails on an empty database"
				+ ((failure.changeSet() != null) ? " at changeset " + failure.changeSet() : "") + ": "
				+ failure.error(),
				"Fix that changeset and deploy again (if tenants have already applied it, add a new changeset that"
						+ " corrects it instead). No tenant file was changed.");
		initCause(failure);
		this.database = database;
		this.changeSet = failure.changeSet();
	}

	/** The database whose changelog fails. */
	public String getDatabase() {
		return this.database;
	}

	/** The changeset that fails, as {@code file::id::author}; null if Liquibase failed before any. */
	public @Nullable String getChangeSet() {
		return this.changeSet;
	}

}
