package dev.durabledb.export;

import java.util.Optional;

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.tenant.TenantIdPolicy;

/**
 * The Java API of SQL exports, by database and instance name (a tenant id, or
 * {@code global} for a global database): start an export, then poll it until it is done,
 * the way Cloudflare D1's export API works. The actuator endpoint calls the same methods.
 */
public final class ExportOperations {

	private final DatabaseCatalog catalog;

	private final TenantIdPolicy tenantIds;

	private final ExportJobs jobs;

	ExportOperations(DatabaseCatalog catalog, TenantIdPolicy tenantIds, ExportJobs jobs) {
		this.catalog = catalog;
		this.tenantIds = tenantIds;
		this.jobs = jobs;
	}

	/** Starts a SQL export of an existing instance; poll it with {@link #find(String)}. */
	public ExportJob start(String database, String instance) {
		return this.jobs.start(this.tenantIds.instanceKey(this.catalog.get(database), instance));
	}

	/** An export started before, if it is still remembered. */
	public Optional<ExportJob> find(String exportId) {
		return this.jobs.find(exportId);
	}

}
