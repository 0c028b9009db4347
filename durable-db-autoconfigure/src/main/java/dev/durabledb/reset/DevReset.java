package dev.durabledb.reset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.durabledb.DurableDbException;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.database.UnknownDatabaseException;
import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev reset, the Java API: gives every instance of a database (or of every database) a
 * fresh, empty file at the current schema while the application runs, the way a Durable
 * Objects dev server rotates to fresh instances.
 * <ul>
 * <li>Every instance that exists still exists after the reset: a per-tenant database keeps
 * all its tenants, each with an empty file (a copy of the migrated template, as a new
 * tenant gets); a global database's file, if it was created, is empty too.</li>
 * <li>Each instance is reset on its own, held closed meanwhile: its running actions
 * finish first (their commits are in the old file), new ones wait and then see the fresh
 * file. A crash at any instant leaves the old file or the fresh one in place, never
 * none.</li>
 * <li>The old files, each openable with {@code sqlite3}, are set aside in the database's
 * hidden folder {@code .durable-db/reset/<when>/} until {@link #purge purged}. With
 * replication on, each instance's result carries the bookmark that undoes its reset, and
 * the fresh file begins a new generation in the store.</li>
 * </ul>
 * Off unless {@code durable-db.dev.reset=true}: every method then throws
 * {@link DevResetDisabledException} and touches nothing. One reset or purge runs at a time.
 */
public final class DevReset {

	private static final Logger logger = LoggerFactory.getLogger(DevReset.class);

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final FreshFiles fresh;

	private final AsideFolders aside;

	private final boolean enabled;

	private final Object lock = new Object();

	DevReset(DatabaseCatalog catalog, InstanceFiles files, FreshFiles fresh, AsideFolders aside, boolean enabled) {
		this.catalog = catalog;
		this.files = files;
		this.fresh = fresh;
		this.aside = aside;
		this.enabled = enabled;
	}

	/** Whether {@code durable-db.dev.reset} allows resets. */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Resets every instance of {@code database}.
	 * @throws DevResetDisabledException if resets are off
	 * @throws UnknownDatabaseException if there is no such database
	 * @throws InstanceBusyException if an instance's actions did not end within the lock
	 * timeout; the instances before it are reset, the others untouched
	 */
	public ResetResult reset(String database) {
		requireEnabled();
		DatabaseDefinition definition = this.catalog.get(database);
		synchronized (this.lock) {
			return resetDatabase(definition);
		}
	}

	/** Resets every instance of every database, database by database, by name. */
	public List<ResetResult> resetAll() {
		requireEnabled();
		synchronized (this.lock) {
			return databases().stream().map(this::resetDatabase).toList();
		}
	}

	/**
	 * Deletes the old files that resets of {@code database} set aside.
	 * @throws DevResetDisabledException if resets are off
	 * @throws UnknownDatabaseException if there is no such database
	 */
	public PurgeResult purge(String database) {
		requireEnabled();
		DatabaseDefinition definition = this.catalog.get(database);
		synchronized (this.lock) {
			return purgeDatabase(definition);
		}
	}

	/** Deletes the old files that resets of every database set aside. */
	public List<PurgeResult> purgeAll() {
		requireEnabled();
		synchronized (this.lock) {
			return databases().stream().map(this::purgeDatabase).toList();
		}
	}

	private ResetResult resetDatabase(DatabaseDefinition database) {
		List<String> ids = this.files.existing(database);
		AsideFolders.Run run = this.aside.next(database.name());
		List<ResetResult.InstanceReset> reset = new ArrayList<>();
		for (String id : ids) {
			InstanceKey key = new InstanceKey(database.name(), id);
			try {
				ResetResult.InstanceReset done = this.fresh.reset(key, run);
				if (done != null) {
					reset.add(done);
				}
			}
			catch (DurableDbException ex) {
				logStopped(key, reset.size(), ids.size(), ex);
				throw ex;
			}
			catch (Exception ex) {
				logStopped(key, reset.size(), ids.size(), ex);
				throw new DurableDbException("Could not reset instance '" + key + "'; " + reset.size() + " of the "
						+ ids.size() + " instances of database '" + database.name() + "' were reset before it", ex);
			}
		}
		ResetResult result = new ResetResult(database.name(), run.name(), reset);
		logger.atInfo()
			.addKeyValue("database", database.name())
			.addKeyValue("instances", reset.size())
			.log("Reset {} instances of database '{}'{}", reset.size(), database.name(),
					(result.asideFolder() != null) ? "; their old files are in " + result.asideFolder() + " until purged"
							: "");
		return result;
	}

	private PurgeResult purgeDatabase(DatabaseDefinition database) {
		try {
			PurgeResult result = this.aside.purge(database.name());
			logger.atInfo()
				.addKeyValue("database", database.name())
				.addKeyValue("files", result.files())
				.log("Purged {} files ({} bytes) that resets of database '{}' had set aside", result.files(),
						result.bytes(), database.name());
			return result;
		}
		catch (IOException ex) {
			throw new DurableDbException("Could not purge the files that resets of database '" + database.name()
					+ "' set aside", ex);
		}
	}

	private void logStopped(InstanceKey key, int reset, int total, Exception ex) {
		logger.atWarn()
			.addKeyValue("database", key.database())
			.addKeyValue("instance", key.instance())
			.log("The reset of database '{}' stopped at instance '{}' ({}): {} of {} instances were reset, the others"
					+ " are untouched", key.database(), key, ex.getMessage(), reset, total);
	}

	private List<DatabaseDefinition> databases() {
		return this.catalog.all().stream().sorted(Comparator.comparing(DatabaseDefinition::name)).toList();
	}

	private void requireEnabled() {
		if (!this.enabled) {
			throw new DevResetDisabledException();
		}
	}

}
