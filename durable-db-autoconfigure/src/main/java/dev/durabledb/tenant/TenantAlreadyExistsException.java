package dev.durabledb.tenant;

import dev.durabledb.DurableDbException;

/** Thrown when a tenant is created twice. */
public class TenantAlreadyExistsException extends DurableDbException {

	private final String tenantId;

	public TenantAlreadyExistsException(String tenantId) {
		super("Tenant '" + tenantId + "' already exists");
		this.tenantId = tenantId;
	}

	/** The tenant that exists already. */
	public String getTenantId() {
		return this.tenantId;
	}

}
