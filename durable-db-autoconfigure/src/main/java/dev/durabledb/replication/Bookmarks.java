package dev.durabledb.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import dev.durabledb.DurableDbException;
import dev.durabledb.backup.BackupOperations;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.io.AtomicFiles;
import dev.durabledb.sqlite.ChangeMarker;
import dev.durabledb.sqlite.InstanceTable;
import dev.durabledb.sqlite.SqliteConnections;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.tenant.TenantAlreadyExistsException;
import dev.durabledb.tenant.TenantIdPolicy;

/**
 * Points in an instance's history. A bookmark names one commit of one instance, as a
 * string that sorts in commit order: {@link #current} gives the one of the instance's
 * last commit, {@link #at} the last commit at or before a time; {@link #restore} puts
 * the instance back as it was after a bookmarked commit (and returns the bookmark that
 * undoes it), {@link #fork} makes a new tenant of it.
 */
public final class Bookmarks {

	private final Replicator replicator;

	private final ObjectStore store;

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final SqliteConnections connections;

	private final TenantIdPolicy tenantIds;

	private final BackupOperations backups;

	Bookmarks(Replicator replicator, ObjectStore store, DatabaseCatalog catalog, InstanceFiles files,
			SqliteConnections connections, TenantIdPolicy tenantIds, BackupOperations backups) {
		this.replicator = replicator;
		this.backups = backups;
		this.store = store;
		this.catalog = catalog;
		this.files = files;
		this.connections = connections;
		this.tenantIds = tenantIds;
	}

	/**
	 * The bookmark of the instance's last commit, shipped first if the store lacks it.
	 * @throws dev.durabledb.instance.InstanceNotFoundException if there is no such instance
	 */
	public String current(InstanceKey key) {
		try {
			return this.replicator.shipNow(key).toString();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new DurableDbException("Could not ship the commits of '" + key + "'", ex);
		}
	}

	/** Where the instance's replication stands: generation, last bookmark shipped, lag, reach. */
	public ReplicationStatus status(InstanceKey key) {
		try {
			return this.replicator.status(key);
		}
		catch (IOException ex) {
			throw new DurableDbException("Could not read the history of '" + key + "'", ex);
		}
	}

	/**
	 * How long the oldest commit not yet in the store has waited, over every instance;
	 * zero when the store has them all.
	 */
	public java.time.Duration lag() {
		return this.replicator.lag();
	}

	/**
	 * The bookmark of the instance's last commit at or before {@code instant}, as far as
	 * the store knows (a commit's time is when it was shipped, at most the sync interval
	 * after it committed); empty if its history begins later.
	 */
	public Optional<String> at(InstanceKey key, Instant instant) {
		try {
			return replica(key).at(instant).map(Bookmark::toString);
		}
		catch (IOException ex) {
			throw new DurableDbException("Could not read the history of '" + key + "'", ex);
		}
	}

	/**
	 * Puts the instance back exactly as it was after the commit {@code bookmark} names,
	 * with every guarantee of a restore from a backup (the rebuilt file is checked before
	 * anything changes; the instance is quiesced for the swap; the replaced file is kept as
	 * a {@code pre-restore} backup; a failure after the swap puts it back). The restored
	 * instance begins a new generation.
	 * @return the undo bookmark: the instance as it was just before, so that restoring to
	 * it undoes this restore
	 * @throws IllegalArgumentException if {@code bookmark} is not one
	 * @throws InvalidHistoryException if the store's history cannot give that commit;
	 * the instance is untouched
	 */
	public String restore(InstanceKey key, String bookmark) {
		Bookmark point = Bookmark.parse(bookmark);
		Path file = this.files.file(key);
		try (StagedRebuild staged = StagedRebuild.forTarget(this.files, key.database(), file)) {
			replica(key).rebuild(point, staged.file());
			AtomicFiles.fsync(staged.file());
			return this.backups
				.restoreStaged(key, staged.file(), "The rebuilt file at " + bookmark, () -> this.replicator.seal(key))
				.value()
				.toString();
		}
		catch (InvalidSegmentException ex) {
			throw new InvalidHistoryException("Cannot restore '" + key + "' to " + bookmark + ": " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new DurableDbException("Could not rebuild '" + key + "' at " + bookmark, ex);
		}
	}

	/**
	 * Creates tenant {@code newTenant} of the same database holding the instance exactly as
	 * it was after the commit {@code bookmark} names.
	 * @throws IllegalArgumentException if {@code bookmark} is not one
	 * @throws TenantAlreadyExistsException if the tenant exists; it is left as it was
	 * @throws InvalidHistoryException if the store's history cannot give that commit
	 */
	public void fork(InstanceKey key, String bookmark, String newTenant) {
		Bookmark point = Bookmark.parse(bookmark);
		if (!this.catalog.get(key.database()).isPerTenant()) {
			throw new IllegalArgumentException("Database '" + key.database() + "' has one shared instance: no fork");
		}
		InstanceKey target = new InstanceKey(key.database(), this.tenantIds.validate(newTenant));
		Path file = this.files.file(target);
		if (Files.exists(file)) {
			throw new TenantAlreadyExistsException(newTenant);
		}
		try (StagedRebuild staged = StagedRebuild.forTarget(this.files, key.database(), file)) {
			staged.rebuildChecked(replica(key), point, this.connections);
			try (Connection connection = this.connections.open(staged.file())) {
				InstanceTable.stampIdentity(connection, target.database(), target.instance());
				ChangeMarker.renew(connection);
			}
			if (!AtomicFiles.publishIfAbsent(staged.file(), file, this.connections.durableAcrossPowerLoss())) {
				throw new TenantAlreadyExistsException(newTenant);
			}
		}
		catch (InvalidSegmentException ex) {
			throw new InvalidHistoryException("Cannot fork '" + key + "' at " + bookmark + ": " + ex.getMessage(), ex);
		}
		catch (IOException | SQLException ex) {
			throw new DurableDbException("Could not fork '" + key + "' at " + bookmark + " into '" + newTenant + "'", ex);
		}
	}

	private Replica replica(InstanceKey key) {
		return new Replica(this.store, key.database(), key.instance(), this.files.file(key).getFileName().toString());
	}

}
