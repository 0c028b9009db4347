package dev.durabledb.actuate;

import java.nio.file.Files;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.durabledb.backup.BackupListing;
import dev.durabledb.backup.BackupManifest;
import dev.durabledb.backup.BackupOperations;
import dev.durabledb.backup.BackupSweepResult;
import dev.durabledb.backup.InvalidBackupException;
import dev.durabledb.backup.RestoreResult;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.export.ExportJob;
import dev.durabledb.export.ExportOperations;
import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.migration.MigrationDryRun;
import dev.durabledb.migration.MigrationFailedException;
import dev.durabledb.migration.MigrationStatus;
import dev.durabledb.migration.SchemaInspector;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.replication.InvalidHistoryException;
import dev.durabledb.replication.ReplicationStatus;
import dev.durabledb.reset.DevReset;
import dev.durabledb.tenant.InvalidTenantIdException;
import dev.durabledb.tenant.TenantAlreadyExistsException;
import dev.durabledb.tenant.TenantIdPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code durabledb} actuator endpoint: databases, their instances, each instance's
 * migration status and backups, and operations (backup, restore, migrate, export, and a
 * database's migration dry-run and dev reset).
 * <p>
 * Reads never open an instance through the registry, so looking never migrates or
 * creates anything. The operations restore, back up and export tenant data, so they are
 * off unless the application allows them
 * ({@code management.endpoint.durabledb.access=unrestricted}): by default only the reads
 * are there.
 */
@WebEndpoint(id = "durabledb", defaultAccess = Access.READ_ONLY)
public class DurableDbEndpoint {

	static final int DEFAULT_PAGE_SIZE = 100;

	private static final String INSTANCE_OPERATIONS = "one of backup, restore, migrate, export, export-status, bookmark, fork";

	private static final String DATABASE_OPERATIONS = "one of backup, validate, reset, purge-reset";

	static final int MAX_PAGE_SIZE = 1000;

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final InstanceRegistry registry;

	private final SchemaMigrations migrations;

	private final SchemaInspector inspector;

	private final TenantIdPolicy tenantIds;

	private final @Nullable BackupOperations backups;

	private final @Nullable ExportOperations exports;

	private final BookmarkOperations bookmarks;

	private final ValidateOperation validation;
	private final ResetOperations resets;

	/**
	 * @param backups backups and restores; {@code null} when backups are off
	 * @param exports SQL exports; {@code null} when they are off
	 */
	DurableDbEndpoint(DatabaseCatalog catalog, InstanceFiles files, InstanceRegistry registry,
			SchemaMigrations migrations, SchemaInspector inspector, TenantIdPolicy tenantIds,
			@Nullable BackupOperations backups, @Nullable ExportOperations exports, @Nullable Bookmarks bookmarks,
			MigrationDryRun dryRun, @Nullable DevReset reset) {
		this.catalog = catalog;
		this.files = files;
		this.registry = registry;
		this.migrations = migrations;
		this.inspector = inspector;
		this.tenantIds = tenantIds;
		this.backups = backups;
		this.exports = exports;
		this.bookmarks = new BookmarkOperations(bookmarks);
		this.validation = new ValidateOperation(dryRun);
		this.resets = new ResetOperations(reset);
	}

	/** Every database: instance strategy, changelog, fingerprint, instances, open. */
	@ReadOperation
	public DatabasesDescriptor databases() {
		Set<InstanceKey> open = this.registry.openKeys();
		Map<String, DatabaseSummary> databases = new TreeMap<>();
		for (DatabaseDefinition database : this.catalog.all()) {
			int instances = this.files.existing(database).size();
			long openCount = open.stream().filter((key) -> key.database().equals(database.name())).count();
			databases.put(database.name(), new DatabaseSummary(strategy(database), database.changelog(),
					this.inspector.fingerprint(database.name()), instances, (int) openCount));
		}
		return new DatabasesDescriptor(databases);
	}

	/** One database and a page of its instances. */
	@ReadOperation
	public WebEndpointResponse<Object> database(@Selector String database, @Nullable Integer page,
			@Nullable Integer size) {
		try {
			DatabaseDefinition definition = definition(database);
			int pageSize = (size != null) ? size : DEFAULT_PAGE_SIZE;
			int pageNumber = (page != null) ? page : 0;
			if (pageSize < 1 || pageSize > MAX_PAGE_SIZE || pageNumber < 0) {
				throw EndpointProblem
					.badRequest("page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
			}
			List<String> ids = this.files.existing(definition);
			int from = (int) Math.min(ids.size(), (long) pageNumber * pageSize);
			int to = Math.min(ids.size(), from + pageSize);
			List<InstanceSummary> instances = ids.subList(from, to).stream().map((id) -> {
				InstanceKey key = new InstanceKey(database, id);
				return new InstanceSummary(id, this.registry.isOpen(key), this.files.size(key));
			}).toList();
			return ok(new DatabaseDescriptor(database, strategy(definition), definition.changelog(),
					this.inspector.fingerprint(database), ids.size(), pageNumber, pageSize, instances));
		}
		catch (EndpointProblem ex) {
			return ex.response();
		}
	}

	/** One instance: size, whether it is open, migration status. */
	@ReadOperation
	public WebEndpointResponse<Object> instance(@Selector String database, @Selector String instance) {
		try {
			InstanceKey key = existing(database, instance);
			BackupListing backups = (this.backups != null) ? this.backups.listing(database, instance)
					: new BackupListing(List.of(), List.of());
			return ok(new InstanceDescriptor(database, instance, this.registry.isOpen(key), this.files.size(key),
					status(key), backups.backups(), backups.unreadable(), this.bookmarks.status(key)));
		}
		catch (EndpointProblem ex) {
			return ex.response();
		}
	}

	/**
	 * An operation on one instance: {@code backup}; {@code restore} with {@code backup}
	 * (an id), or with {@code bookmark} or {@code at} (an instant) when replication is on;
	 * {@code migrate} (retry now); {@code export} (starts a SQL export);
	 * {@code export-status} with {@code export} (an id); {@code bookmark} (the current one,
	 * or with {@code at} the one then); {@code fork} with {@code bookmark} and
	 * {@code into} (a new tenant).
	 */
	@WriteOperation
	public WebEndpointResponse<Object> instanceOperation(@Selector String database, @Selector String instance,
			@Nullable String operation, @Nullable String backup, @Nullable String export, @Nullable String bookmark,
			@Nullable String at, @Nullable String into) {
		try {
			InstanceKey key = existing(database, instance);
			return switch (EndpointProblem.required(operation, "The request needs \"operation\": " + INSTANCE_OPERATIONS)) {
				case "migrate" -> migrate(key);
				case "backup" -> backup(database, instance);
				case "restore" -> (backup != null || (bookmark == null && at == null))
						? restore(database, instance, EndpointProblem.required(backup,
								"Operation 'restore' needs \"backup\", a backup id (or, with replication on, \"bookmark\" or \"at\")"))
						: ok(this.bookmarks.restore(key, bookmark, at));
				case "bookmark" -> ok(this.bookmarks.bookmark(key, at));
				case "fork" -> ok(this.bookmarks.fork(key, bookmark, into));
				case "export" -> ok(exportView(exports().start(database, instance)));
				case "export-status" -> exportStatus(key, EndpointProblem.required(export, "Operation 'export-status' needs \"export\", an export id"));
				default -> throw EndpointProblem
					.badRequest("Unknown operation '" + operation + "'; expected " + INSTANCE_OPERATIONS);
			};
		}
		catch (EndpointProblem ex) {
			return ex.response();
		}
		catch (InvalidBackupException | InvalidTenantIdException | InvalidHistoryException ex) {
			return EndpointProblem.badRequest(ex.getMessage()).response();
		}
		catch (TenantAlreadyExistsException ex) {
			return EndpointProblem.of(409, ex.getMessage()).response();
		}
		catch (InstanceBusyException ex) {
			return EndpointProblem.of(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, ex.getMessage()).response();
		}
	}

	/**
	 * An operation on every instance of a database: {@code backup}; {@code validate} (a
	 * migration dry-run, of a random {@code sample} of instances if given); {@code reset} and
	 * {@code purge-reset} (dev reset, refused unless {@code durable-db.dev.reset=true}).
	 */
	@WriteOperation
	public WebEndpointResponse<Object> databaseOperation(@Selector String database, @Nullable String operation,
			@Nullable String sample) throws InterruptedException {
		try {
			definition(database);
			String requested = EndpointProblem.required(operation,
					"The request needs \"operation\": " + DATABASE_OPERATIONS);
			return switch (requested) {
				case "backup" -> backupAll(database);
				case "validate" -> ok(this.validation.validate(database, sample));
				case "reset", "purge-reset" -> this.resets.run(database, requested);
				default -> throw EndpointProblem
					.badRequest("Unknown operation '" + requested + "'; expected: " + DATABASE_OPERATIONS);
			};
		}
		catch (EndpointProblem ex) {
			return ex.response();
		}
	}

	private WebEndpointResponse<Object> backupAll(String database) throws InterruptedException {
		BackupSweepResult run = backups().backupDatabase(database);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("operation", "backup");
		body.put("database", database);
		body.put("run", run);
		return new WebEndpointResponse<>(body,
				(run.failed() > 0) ? WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE : WebEndpointResponse.STATUS_OK);
	}

	private WebEndpointResponse<Object> migrate(InstanceKey key) {
		try {
			this.registry.exclusive(key, () -> {
				this.migrations.migrate(key, this.files.file(key), true);
				return null;
			});
			return ok(new OperationResult("migrate", key.database(), key.instance(), "done", status(key)));
		}
		catch (MigrationFailedException ex) {
			return new WebEndpointResponse<>(
					new OperationResult("migrate", key.database(), key.instance(), "failed", status(key)),
					WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private WebEndpointResponse<Object> backup(String database, String instance) {
		BackupManifest manifest = backups().backup(database, instance);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("operation", "backup");
		body.put("id", manifest.id());
		body.put("backup", manifest);
		return ok(body);
	}

	private WebEndpointResponse<Object> restore(String database, String instance, String backupId) {
		RestoreResult result = backups().restore(database, instance, backupId);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("operation", "restore");
		body.put("restored", result.restored());
		body.put("preRestoreBackup", result.preRestoreBackup());
		if (result.undoBookmark() != null) {
			body.put("undoBookmark", result.undoBookmark());
		}
		return ok(body);
	}

	private WebEndpointResponse<Object> exportStatus(InstanceKey key, String exportId) {
		ExportJob job = exports().find(exportId).orElse(null);
		if (job == null || !job.key().equals(key)) {
			throw EndpointProblem.notFound("Instance '" + key + "' has no export " + exportId);
		}
		return ok(exportView(job));
	}

	private Map<String, Object> exportView(ExportJob job) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("operation", "export");
		view.put("export", job.id());
		view.put("status", job.status());
		view.put("startedAt", job.startedAt());
		if (job.finishedAt() != null) {
			view.put("finishedAt", job.finishedAt());
		}
		if (job.isDone()) {
			view.put("sizeBytes", job.sizeBytes());
			view.put("download", "/actuator/durabledbarchive/" + job.key().database() + "/" + job.key().instance() + "/"
					+ job.id());
		}
		if (job.error() != null) {
			view.put("error", job.error());
		}
		return view;
	}

	private BackupOperations backups() {
		if (this.backups == null) {
			throw EndpointProblem.badRequest("Backups are off (durable-db.backup.enabled=false)");
		}
		return this.backups;
	}

	private ExportOperations exports() {
		if (this.exports == null) {
			throw EndpointProblem.badRequest("Exports are off (durable-db.backup.enabled=false)");
		}
		return this.exports;
	}

	private static WebEndpointResponse<Object> ok(Object body) {
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
	}

	private DatabaseDefinition definition(String database) {
		return this.catalog.find(database)
			.orElseThrow(() -> EndpointProblem.notFound("There is no database '" + database + "'"));
	}

	/** The key of an instance that exists on disk. */
	private InstanceKey existing(String database, String instance) {
		DatabaseDefinition definition = definition(database);
		boolean valid = definition.isPerTenant() ? this.tenantIds.isValid(instance) : InstanceKey.GLOBAL.equals(instance);
		if (!valid) {
			throw EndpointProblem.notFound("Database '" + database + "' has no instance with that id");
		}
		InstanceKey key = new InstanceKey(database, instance);
		if (!Files.isRegularFile(this.files.file(key))) {
			throw EndpointProblem.notFound("Database '" + database + "' has no instance '" + instance + "'");
		}
		return key;
	}

	private MigrationStatus status(InstanceKey key) {
		try {
			return this.inspector.status(key);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the migration status of '" + key + "'", ex);
		}
	}

	private static String strategy(DatabaseDefinition database) {
		return database.isPerTenant() ? "per-tenant" : "global";
	}

	/** Every database, by name. */
	public record DatabasesDescriptor(Map<String, DatabaseSummary> databases) implements OperationResponseBody {
	}

	/**
	 * One database in the overview.
	 *
	 * @param instance the instance strategy
	 * @param changelog the changelog's classpath location
	 * @param fingerprint the changelog's fingerprint
	 * @param instances how many instances exist on disk
	 * @param open how many of them are open in this process
	 */
	public record DatabaseSummary(String instance, String changelog, String fingerprint, int instances, int open) {
	}

	/** One database and a page of its instances. */
	public record DatabaseDescriptor(String name, String instance, String changelog, String fingerprint,
			int totalInstances, int page, int size, List<InstanceSummary> instances) implements OperationResponseBody {
	}

	/** One instance in a database's list. */
	public record InstanceSummary(String id, boolean open, long sizeBytes) {
	}

	/** One instance in detail; {@code replication} only while replication is on. */
	public record InstanceDescriptor(String database, String id, boolean open, long sizeBytes,
			MigrationStatus migration, List<BackupManifest> backups, List<String> unreadableBackups,
			@Nullable ReplicationStatus replication) implements OperationResponseBody {
	}

	/** What an operation did. */
	public record OperationResult(String operation, String database, String instance, String result,
			MigrationStatus migration) implements OperationResponseBody {
	}

}
