package dev.durabledb.actuate;

import java.nio.file.Files;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.migration.MigrationFailedException;
import dev.durabledb.migration.MigrationStatus;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.tenant.TenantIdPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code durabledb} actuator endpoint: databases, their instances and each instance's
 * migration status, and operations on an instance.
 * <p>
 * Reads never open an instance through the registry, so looking never migrates or
 * creates anything.
 */
@WebEndpoint(id = "durabledb")
public class DurableDbEndpoint {

	static final int DEFAULT_PAGE_SIZE = 100;

	static final int MAX_PAGE_SIZE = 1000;

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final InstanceRegistry registry;

	private final SchemaMigrations migrations;

	private final TenantIdPolicy tenantIds;

	public DurableDbEndpoint(DatabaseCatalog catalog, InstanceFiles files, InstanceRegistry registry,
			SchemaMigrations migrations, TenantIdPolicy tenantIds) {
		this.catalog = catalog;
		this.files = files;
		this.registry = registry;
		this.migrations = migrations;
		this.tenantIds = tenantIds;
	}

	/** Every database: instance strategy, changelog, fingerprint, instances, open. */
	@ReadOperation
	public DatabasesDescriptor databases() {
		Set<InstanceKey> open = this.registry.openKeys();
		Map<String, DatabaseSummary> databases = new TreeMap<>();
		for (DatabaseDefinition database : this.catalog.all()) {
			int instances = instanceIds(database).size();
			long openCount = open.stream().filter((key) -> key.database().equals(database.name())).count();
			databases.put(database.name(), new DatabaseSummary(strategy(database), database.changelog(),
					this.migrations.changelog(database.name()).fingerprint(), instances, (int) openCount));
		}
		return new DatabasesDescriptor(databases);
	}

	/** One database and a page of its instances. */
	@ReadOperation
	public @Nullable DatabaseDescriptor database(@Selector String database, @Nullable Integer page,
			@Nullable Integer size) {
		DatabaseDefinition definition = this.catalog.find(database).orElse(null);
		if (definition == null) {
			return null;
		}
		int pageSize = (size != null) ? size : DEFAULT_PAGE_SIZE;
		int pageNumber = (page != null) ? page : 0;
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE || pageNumber < 0) {
			throw new InvalidEndpointRequestException("page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE,
					"Invalid page");
		}
		List<String> ids = instanceIds(definition);
		int from = (int) Math.min(ids.size(), (long) pageNumber * pageSize);
		int to = Math.min(ids.size(), from + pageSize);
		List<InstanceSummary> instances = ids.subList(from, to).stream().map((id) -> {
			InstanceKey key = new InstanceKey(database, id);
			return new InstanceSummary(id, this.registry.isOpen(key), this.files.size(key));
		}).toList();
		return new DatabaseDescriptor(database, strategy(definition), definition.changelog(),
				this.migrations.changelog(database).fingerprint(), ids.size(), pageNumber, pageSize, instances);
	}

	/** One instance: size, whether it is open, migration status. */
	@ReadOperation
	public @Nullable InstanceDescriptor instance(@Selector String database, @Selector String instance) {
		InstanceKey key = existing(database, instance);
		if (key == null) {
			return null;
		}
		return new InstanceDescriptor(database, instance, this.registry.isOpen(key), this.files.size(key),
				status(key), List.of());
	}

	/** An operation on one instance: {@code {"operation": "migrate"}} retries its migration now. */
	@WriteOperation
	public WebEndpointResponse<Object> instanceOperation(@Selector String database, @Selector String instance,
			String operation) {
		InstanceKey key = existing(database, instance);
		if (key == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		if (!"migrate".equals(operation)) {
			throw new InvalidEndpointRequestException("Unknown operation '" + operation + "'; expected: migrate",
					"Unknown operation");
		}
		try {
			this.registry.exclusive(key, () -> {
				this.migrations.migrate(key, this.files.file(key), true);
				return null;
			});
			return new WebEndpointResponse<>(new OperationResult("migrate", database, instance, "done", status(key)));
		}
		catch (MigrationFailedException ex) {
			return new WebEndpointResponse<>(
					new OperationResult("migrate", database, instance, "failed", status(key)),
					WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private @Nullable InstanceKey existing(String database, String instance) {
		DatabaseDefinition definition = this.catalog.find(database).orElse(null);
		if (definition == null) {
			return null;
		}
		boolean valid = definition.isPerTenant() ? this.tenantIds.isValid(instance) : InstanceKey.GLOBAL.equals(instance);
		if (!valid) {
			return null;
		}
		InstanceKey key = new InstanceKey(database, instance);
		return Files.isRegularFile(this.files.file(key)) ? key : null;
	}

	private List<String> instanceIds(DatabaseDefinition database) {
		if (database.isPerTenant()) {
			return this.files.instances(database.name());
		}
		InstanceKey global = InstanceKey.global(database.name());
		return Files.isRegularFile(this.files.file(global)) ? List.of(InstanceKey.GLOBAL) : List.of();
	}

	private MigrationStatus status(InstanceKey key) {
		try {
			return this.migrations.status(key);
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

	/** One instance in detail. */
	public record InstanceDescriptor(String database, String id, boolean open, long sizeBytes,
			MigrationStatus migration, List<Object> backups) implements OperationResponseBody {
	}

	/** What an operation did. */
	public record OperationResult(String operation, String database, String instance, String result,
			MigrationStatus migration) implements OperationResponseBody {
	}

}
