package dev.durabledb.tenant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

import dev.durabledb.DurableDbException;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.instance.InstanceProvisioner;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.io.AtomicFiles;
import dev.durabledb.sqlite.SqliteConnections;

/**
 * Lists, creates and deletes tenants. A tenant has one instance in every per-tenant
 * database; creating it creates them all (each a copy of its database's template),
 * deleting it deletes them all.
 */
public final class TenantDirectory {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
		.withZone(java.time.ZoneOffset.UTC);

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final InstanceRegistry registry;

	private final InstanceProvisioner provisioner;

	private final SqliteConnections connections;

	private final TenantIdPolicy tenantIds;

	private final boolean keepDeleted;

	private final FinalCopy finalCopy;

	private final InstanceCreationGuard creationGuard;

	TenantDirectory(DatabaseCatalog catalog, InstanceFiles files, InstanceRegistry registry,
			InstanceProvisioner provisioner, SqliteConnections connections, TenantIdPolicy tenantIds,
			boolean keepDeleted, FinalCopy finalCopy, InstanceCreationGuard creationGuard) {
		this.catalog = catalog;
		this.files = files;
		this.registry = registry;
		this.provisioner = provisioner;
		this.connections = connections;
		this.tenantIds = tenantIds;
		this.keepDeleted = keepDeleted;
		this.finalCopy = finalCopy;
		this.creationGuard = creationGuard;
	}

	/** Every tenant that has an instance in at least one per-tenant database, sorted. */
	public List<String> list() {
		TreeSet<String> tenants = new TreeSet<>();
		perTenant().forEach((database) -> tenants.addAll(this.files.instances(database.name())));
		return List.copyOf(tenants);
	}

	/** Whether the tenant has an instance in at least one per-tenant database. */
	public boolean exists(String tenantId) {
		String id = this.tenantIds.validate(tenantId);
		return perTenant().stream().anyMatch((database) -> this.files.exists(new InstanceKey(database.name(), id)));
	}

	/**
	 * Creates the tenant's instance in every per-tenant database that lacks one.
	 * @throws InvalidTenantIdException if the id is not valid
	 * @throws TenantAlreadyExistsException if every instance existed already
	 */
	public void create(String tenantId) {
		String id = this.tenantIds.validate(tenantId);
		boolean created = false;
		for (DatabaseDefinition database : perTenant()) {
			InstanceKey key = new InstanceKey(database.name(), id);
			created |= this.creationGuard.create(key, () -> this.provisioner.create(key, this.files.file(key)));
		}
		if (!created) {
			throw new TenantAlreadyExistsException(id);
		}
	}

	/**
	 * Deletes the tenant's instances, keeping a final copy of each (a {@code pre-delete}
	 * backup, or a file in the database's hidden {@code deleted} folder) unless
	 * {@code durable-db.tenant.keep-deleted} is off.
	 */
	public void delete(String tenantId) {
		delete(tenantId, this.keepDeleted);
	}

	/**
	 * Deletes the tenant's instances, once the actions running on them end.
	 * @param keepFinalCopy whether to keep a final copy of each first
	 * @throws InstanceNotFoundException if the tenant has no instance
	 */
	public void delete(String tenantId, boolean keepFinalCopy) {
		String id = this.tenantIds.validate(tenantId);
		boolean deleted = false;
		for (DatabaseDefinition database : perTenant()) {
			InstanceKey key = new InstanceKey(database.name(), id);
			try {
				deleted |= this.registry.exclusive(key, () -> deleteFiles(key, keepFinalCopy));
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new DurableDbException("Could not delete instance '" + key + "'", ex);
			}
		}
		if (!deleted) {
			throw new InstanceNotFoundException(new InstanceKey(perTenant().get(0).name(), id));
		}
	}

	private boolean deleteFiles(InstanceKey key, boolean keepFinalCopy) throws Exception {
		Path file = this.files.file(key);
		if (!Files.isRegularFile(file)) {
			return false;
		}
		// Fold the write-ahead log into the file, so that the file alone is the whole tenant.
		try (Connection connection = this.connections.open(file); Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
		}
		if (keepFinalCopy) {
			this.finalCopy.keep(key, file);
		}
		Files.deleteIfExists(file);
		for (Path sidecar : InstanceFiles.sidecars(file)) {
			Files.deleteIfExists(sidecar);
		}
		return true;
	}

	/**
	 * The final copy kept without backups: the file itself, moved to the database's hidden
	 * {@code deleted} folder with the time in its name.
	 */
	static FinalCopy moveToDeletedFolder(InstanceFiles files, Clock clock) {
		return (key, file) -> {
			Path copy = files.internalDir(key.database(), "deleted")
				.resolve(file.getFileName() + "." + STAMP.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
			AtomicFiles.publish(file, copy);
		};
	}

	private List<DatabaseDefinition> perTenant() {
		List<DatabaseDefinition> databases = this.catalog.all().stream().filter(DatabaseDefinition::isPerTenant).toList();
		if (databases.isEmpty()) {
			throw new IllegalStateException("The application has no per-tenant database");
		}
		return databases;
	}

}
