package dev.durabledb.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.durabledb.DurableDbException;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceProvisioner;
import dev.durabledb.instance.StorageFullException;
import dev.durabledb.io.AtomicFiles;
import dev.durabledb.snapshot.Snapshots;
import dev.durabledb.sqlite.SqliteConnections;

/**
 * Keeps every instance at its database's changelog: new instances are copies of a
 * template, existing ones are checked by fingerprint (no Liquibase when current) and
 * migrated under the guard of a snapshot when not. {@link SchemaInspector} reads what
 * they record.
 */
public final class SchemaMigrations implements InstanceProvisioner {

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final SqliteConnections connections;

	private final LiquibaseRunner liquibase;

	private final TemplateStore templates;

	private final GuardedMigration guard;

	private final ReplayScripts scripts;

	private final Map<String, Changelog> changelogs = new ConcurrentHashMap<>();

	private final Map<InstanceKey, Boolean> failing = new ConcurrentHashMap<>();

	SchemaMigrations(DatabaseCatalog catalog, InstanceFiles files, SqliteConnections connections,
			LiquibaseRunner liquibase, MigrationListener events, int maxAttempts, Duration retryDelay, boolean replay,
			Clock clock) {
		this.catalog = catalog;
		this.files = files;
		this.connections = connections;
		this.liquibase = liquibase;
		this.scripts = new ReplayScripts(files, replay);
		this.templates = new TemplateStore(files, connections, liquibase, events, this.scripts);
		this.guard = new GuardedMigration(connections, new Snapshots(connections), liquibase, events, this.scripts,
				maxAttempts, retryDelay, clock);
	}

	/** How the instance open on {@code connection} would be migrated now. */
	ReplayPlan plan(InstanceKey key, Connection connection) throws SQLException {
		return this.scripts.plan(key.database(), connection, MigrationState.read(connection).fingerprint(),
				changelog(key.database()).fingerprint());
	}

	/** The changelog of {@code database}, parsed the first time it is asked for. */
	Changelog changelog(String database) {
		return this.changelogs.computeIfAbsent(database,
				(name) -> Changelog.load(name, this.catalog.get(name).changelog(), this.liquibase));
	}

	/**
	 * Parses the changelog of {@code database} and builds its template if it is missing,
	 * so that a changelog that fails on an empty database fails now.
	 * @throws ChangelogFailedException if it does
	 */
	Changelog prepare(String database) {
		Changelog changelog = changelog(database);
		this.templates.template(database, changelog);
		return changelog;
	}

	@Override
	public boolean create(InstanceKey key, Path file) {
		Path template = this.templates.template(key.database(), changelog(key.database()));
		Path temporary = AtomicFiles.temporarySibling(this.files.internalDir(key.database(), "staging")
			.resolve(file.getFileName()));
		try {
			Files.copy(template, temporary);
			// The copy is synced before it gets its name, so a tenant file is never torn. The
			// name is synced only when commits are (synchronous=FULL): with NORMAL a power
			// loss may take back the last commits, and so the last creations, and a folder
			// sync costs a quarter of a create here.
			return AtomicFiles.publishIfAbsent(temporary, file, this.connections.durableAcrossPowerLoss());
		}
		catch (java.io.IOException ex) {
			if (StorageFullException.isStorageFull(ex)) {
				throw new StorageFullException(key, ex);
			}
			throw new DurableDbException("Could not create instance '" + key + "'", ex);
		}
	}

	@Override
	public boolean isCurrent(InstanceKey key, Connection connection) throws SQLException {
		return MigrationState.isCurrent(connection, changelog(key.database()).fingerprint());
	}

	@Override
	public boolean migrateOpen(InstanceKey key, Path file, Connection connection) throws SQLException {
		try {
			boolean done = this.guard.migrateOpen(key, snapshotOf(key), connection, changelog(key.database()));
			if (done) {
				this.failing.remove(key);
			}
			return done;
		}
		catch (RuntimeException ex) {
			this.failing.put(key, Boolean.TRUE);
			throw ex;
		}
	}

	@Override
	public void migrate(InstanceKey key, Path file, boolean retry) {
		migrateIfBehind(key, file, retry);
	}

	/**
	 * {@link #migrate}, telling whether there was anything to do.
	 * @return {@code false} if the instance was current already
	 */
	boolean migrateIfBehind(InstanceKey key, Path file, boolean retry) {
		try {
			boolean migrated = this.guard.migrate(key, file, snapshotOf(key), changelog(key.database()), retry);
			this.failing.remove(key);
			return migrated;
		}
		catch (RuntimeException ex) {
			this.failing.put(key, Boolean.TRUE);
			throw ex;
		}
		catch (Exception ex) {
			this.failing.put(key, Boolean.TRUE);
			throw new DurableDbException("Could not migrate instance '" + key + "'", ex);
		}
	}

	/**
	 * Forgets what was kept of an instance whose file was just replaced by a fresh copy of
	 * its template (a dev reset): its failed migration, if any, and its pre-migration
	 * snapshot, which holds the old data. Call it while the instance is held closed.
	 */
	public void forget(InstanceKey key) throws IOException {
		this.failing.remove(key);
		Path snapshot = snapshotOf(key);
		Files.deleteIfExists(snapshot);
		for (Path sidecar : InstanceFiles.sidecars(snapshot)) {
			Files.deleteIfExists(sidecar);
		}
	}

	/** The instances whose last migration attempt in this process failed. */
	public Set<InstanceKey> failingInstances() {
		return Set.copyOf(this.failing.keySet());
	}

	int maxAttempts() {
		return this.guard.maxAttempts();
	}

	/** The replay scripts the migrations plan with. */
	ReplayScripts scripts() {
		return this.scripts;
	}

	LiquibaseRunner liquibase() {
		return this.liquibase;
	}

	/** Where the pre-migration snapshot of an instance is kept. */
	Path snapshotOf(InstanceKey key) {
		return this.files.internalDir(key.database(), "snapshots")
			.resolve(this.files.file(key).getFileName() + ".pre-migration");
	}

}
