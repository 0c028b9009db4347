package dev.durabledb.backup;

import java.util.List;
import java.util.Optional;

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.export.ExportJobs;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.InvalidTenantIdException;
import dev.durabledb.tenant.TenantIdPolicy;

/**
 * The Java API of backups, restores and exports, by database and instance name (a tenant
 * id, or {@code global} for a global database). The actuator endpoint calls the same
 * methods.
 */
public final class DurableBackups {

	private final DatabaseCatalog catalog;

	private final TenantIdPolicy tenantIds;

	private final BackupRunner runner;

	private final Backups backups;

	private final Restores restores;

	private final ExportJobs exports;

	public DurableBackups(DatabaseCatalog catalog, TenantIdPolicy tenantIds, BackupRunner runner, Backups backups,
			Restores restores, ExportJobs exports) {
		this.catalog = catalog;
		this.tenantIds = tenantIds;
		this.runner = runner;
		this.backups = backups;
		this.restores = restores;
		this.exports = exports;
	}

	/** Backs an instance up now (with retries) and returns its manifest. */
	public BackupManifest backup(String database, String instance) {
		return this.runner.backUp(key(database, instance), BackupReason.MANUAL);
	}

	/** Backs up every instance of a database now. */
	public BackupRun backupDatabase(String database) throws InterruptedException {
		return this.runner.backUpDatabase(this.catalog.get(database));
	}

	/** The backups of an instance, newest first. */
	public List<BackupManifest> list(String database, String instance) {
		return this.backups.list(key(database, instance));
	}

	/** Restores an instance from one of its backups. */
	public Restores.RestoreResult restore(String database, String instance, String backupId) {
		return this.restores.restore(key(database, instance), backupId);
	}

	/** Starts a SQL export of an instance; poll it with {@link #export(String)}. */
	public ExportJobs.ExportJob startExport(String database, String instance) {
		return this.exports.start(key(database, instance));
	}

	/** An export started before, if it is remembered. */
	public Optional<ExportJobs.ExportJob> export(String exportId) {
		return this.exports.find(exportId);
	}

	/** The key of an instance, with its name validated. */
	public InstanceKey key(String database, String instance) {
		DatabaseDefinition definition = this.catalog.get(database);
		if (definition.isPerTenant()) {
			return new InstanceKey(database, this.tenantIds.validate(instance));
		}
		if (!InstanceKey.GLOBAL.equals(instance)) {
			throw new InvalidTenantIdException("global (database '" + database + "' has one instance)");
		}
		return InstanceKey.global(database);
	}

}
