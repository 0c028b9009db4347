package dev.durabledb.backup;

import java.nio.file.Path;
import java.util.List;

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.TenantIdPolicy;

/**
 * The Java API of backups and restores, by database and instance name (a tenant id, or
 * {@code global} for a global database). The actuator endpoint calls the same methods.
 */
public final class BackupOperations {

	private final DatabaseCatalog catalog;

	private final TenantIdPolicy tenantIds;

	private final BackupSweep runner;

	private final BackupMaker backups;

	private final Restorer restores;

	BackupOperations(DatabaseCatalog catalog, TenantIdPolicy tenantIds, BackupSweep runner, BackupMaker backups,
			Restorer restores) {
		this.catalog = catalog;
		this.tenantIds = tenantIds;
		this.runner = runner;
		this.backups = backups;
		this.restores = restores;
	}

	/** Backs an instance up now (with retries) and returns its manifest. */
	public BackupManifest backup(String database, String instance) {
		return this.runner.backUp(key(database, instance), BackupReason.MANUAL);
	}

	/** Backs up every instance of a database now. */
	public BackupSweepResult backupDatabase(String database) throws InterruptedException {
		return this.runner.backUpDatabase(this.catalog.get(database));
	}

	/** The backups of an instance, newest first. */
	public List<BackupManifest> list(String database, String instance) {
		return this.backups.list(key(database, instance));
	}

	/**
	 * The backups of an instance, newest first, and the manifests in its folder that are
	 * not backups of it (unreadable, or naming another instance): skipped, never trusted.
	 */
	public BackupListing listing(String database, String instance) {
		return this.backups.listing(key(database, instance));
	}

	/** Restores an instance from one of its backups. */
	public RestoreResult restore(String database, String instance, String backupId) {
		return this.restores.restore(key(database, instance), backupId);
	}

	/**
	 * Restores an instance from a database file the caller staged and synced (a
	 * point-in-time rebuild), with every guarantee of a restore from a backup: checked
	 * first, swapped in with the instance quiesced, the old file kept as the
	 * {@code pre-restore} backup, put back on failure. {@code whileQuiesced} runs with
	 * the instance closed and held, just before the swap.
	 * @param what what the file is, for messages ("The rebuilt file at ...")
	 * @throws InvalidBackupException if the file is not a sound instance of the database;
	 * the instance is untouched
	 */
	public <T> StagedRestore<T> restoreStaged(InstanceKey key, Path staged, String what,
			java.util.concurrent.Callable<T> whileQuiesced) {
		return this.restores.restoreStaged(key, staged, what, whileQuiesced);
	}

	private InstanceKey key(String database, String instance) {
		return this.tenantIds.instanceKey(this.catalog.get(database), instance);
	}

}
