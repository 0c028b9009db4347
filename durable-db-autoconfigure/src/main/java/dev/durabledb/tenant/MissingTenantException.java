package dev.durabledb.tenant;

import dev.durabledb.DurableDbException;

/** Thrown when an action on a per-tenant database runs with no tenant bound. */
public class MissingTenantException extends DurableDbException {

	private final String database;

	public MissingTenantException(String database) {
		super("No tenant: database '" + database
				+ "' has one instance per tenant, so the request must name one (or the code must run inside Tenants.run)");
		this.database = database;
	}

	/** The per-tenant database the action runs in. */
	public String getDatabase() {
		return this.database;
	}

}
