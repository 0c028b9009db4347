package dev.durabledb.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.durabledb.DurableDbException;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.io.AtomicFiles;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.TenantIdPolicy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.util.FileSystemUtils;

/**
 * The tenants of a test's application context: create them, install an old tenant file
 * (to test a migration on it), delete them all. Every test context has one; autowire it.
 * Every tenant is deleted before each test method unless
 * {@code durable-db.test.clean-tenants=false}.
 */
public final class TestTenants {

	static final String BEAN_NAME = "durableDbTestTenants";

	private final ObjectProvider<TenantDirectory> directory;

	private final ObjectProvider<DatabaseCatalog> catalog;

	private final ObjectProvider<InstanceRegistry> registry;

	private final ObjectProvider<InstanceFiles> files;

	private final ObjectProvider<TenantIdPolicy> tenantIds;

	private final TestFolders folders;

	// Providers, not beans: a @WebMvcTest slice has none of them, and then there is nothing to do.
	TestTenants(ObjectProvider<TenantDirectory> directory, ObjectProvider<DatabaseCatalog> catalog,
			ObjectProvider<InstanceRegistry> registry, ObjectProvider<InstanceFiles> files,
			ObjectProvider<TenantIdPolicy> tenantIds, TestFolders folders) {
		this.directory = directory;
		this.catalog = catalog;
		this.registry = registry;
		this.files = files;
		this.tenantIds = tenantIds;
		this.folders = folders;
	}

	/** Creates each tenant, in every per-tenant database, as {@link TenantDirectory#create} does. */
	public void create(String... tenantIds) {
		TenantDirectory directory = this.directory.getObject();
		for (String id : tenantIds) {
			directory.create(id);
		}
	}

	/**
	 * Installs {@code file}, a database file an older release of the application wrote, as
	 * the instance of {@code tenantId} in {@code database}; the next action on it migrates
	 * it to the current changelog, as in production. The instance must not exist yet.
	 * @param tenantId a tenant id, or {@code global} for a global database
	 */
	public void install(String database, String tenantId, Path file) {
		install(database, tenantId, new FileSystemResource(file));
	}

	/**
	 * Installs the database file at {@code file} (a class path resource, say) as the
	 * instance of {@code tenantId} in {@code database}, as {@link #install(String, String, Path)}.
	 */
	public void install(String database, String tenantId, Resource file) {
		DatabaseDefinition definition = this.catalog.getObject().get(database);
		InstanceKey key = this.tenantIds.getObject().instanceKey(definition, tenantId);
		exclusive(key, () -> {
			Path target = this.files.getObject().file(key);
			if (Files.exists(target)) {
				throw new IllegalStateException("Instance '" + key + "' exists already; install a file before the"
						+ " tenant is created, or delete it first");
			}
			Files.createDirectories(target.getParent());
			Path temporary = AtomicFiles.temporarySibling(target);
			try (InputStream in = file.getInputStream()) {
				Files.copy(in, temporary);
			}
			AtomicFiles.publishIfAbsent(temporary, target);
		});
	}

	/**
	 * Deletes every tenant and every global instance, without final copies, and the
	 * backups in the test's backup folder.
	 */
	public void deleteAll() {
		TenantDirectory directory = this.directory.getIfAvailable();
		DatabaseCatalog catalog = this.catalog.getIfAvailable();
		if (directory == null || catalog == null) {
			return;
		}
		for (String tenant : directory.list()) {
			directory.delete(tenant, false);
		}
		for (DatabaseDefinition database : catalog.all()) {
			if (!database.isPerTenant()) {
				deleteGlobal(InstanceKey.global(database.name()));
			}
		}
		try {
			if (Files.isDirectory(this.folders.backupDir())) {
				try (var entries = Files.list(this.folders.backupDir())) {
					for (Path entry : entries.toList()) {
						FileSystemUtils.deleteRecursively(entry);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not empty the test's backup folder", ex);
		}
	}

	private void deleteGlobal(InstanceKey key) {
		exclusive(key, () -> {
			Path file = this.files.getObject().file(key);
			Files.deleteIfExists(file);
			for (Path sidecar : InstanceFiles.sidecars(file)) {
				Files.deleteIfExists(sidecar);
			}
		});
	}

	private void exclusive(InstanceKey key, FileWork work) {
		try {
			this.registry.getObject().exclusive(key, () -> {
				work.run();
				return null;
			});
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new DurableDbException("Could not change instance '" + key + "' for a test", ex);
		}
	}

	@FunctionalInterface
	private interface FileWork {

		void run() throws Exception;

	}

}
