package dev.durabledb.tenant;

import dev.durabledb.DurableDbException;

/** Thrown when a tenant is created twice. */
public class TenantAlreadyExistsException extends DurableDbException {

	public TenantAlreadyExistsException(String tenantId) {
		super("Tenant '" + tenantId + "' already exists");
	}

}
