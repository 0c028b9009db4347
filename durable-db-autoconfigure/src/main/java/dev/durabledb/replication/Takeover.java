package dev.durabledb.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

import dev.durabledb.DurableDbException;
import dev.durabledb.backup.BackupOperations;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.io.AtomicFiles;
import dev.durabledb.sqlite.SqliteConnections;
import dev.durabledb.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Takes an instance's fenced history over once this node holds its lease: makes the
 * local file exactly the store's last commit (rebuilding it from the store, the replaced
 * file kept as a {@code pre-restore} backup, unless it closed cleanly right there), then
 * claims the history's open end for a new generation whose snapshot is that file. Once
 * the claim is made, the previous owner's next claim fails and it is fenced off; if it
 * claimed the open end first, the takeover reads the history again.
 */
final class Takeover {

	private static final Logger logger = LoggerFactory.getLogger(Takeover.class);

	/** How often the previous owner may extend the history under a takeover before it gives up. */
	private static final int ATTEMPTS = 10;

	private final ObjectStore store;

	private final InstanceFiles files;

	private final SqliteConnections connections;

	private final ObjectProvider<InstanceRegistry> registry;

	private final ObjectProvider<BackupOperations> backups;

	Takeover(ObjectStore store, InstanceFiles files, SqliteConnections connections,
			ObjectProvider<InstanceRegistry> registry, ObjectProvider<BackupOperations> backups) {
		this.store = store;
		this.files = files;
		this.connections = connections;
		this.registry = registry;
		this.backups = backups;
	}

	void run(InstanceKey key, ReplicatedInstance instance) {
		Replica replica = new Replica(this.store, key.database(), key.instance(),
				this.files.file(key).getFileName().toString());
		instance.takingOver(true);
		try {
			for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
				Optional<Replica.Tip> tip = replica.deletedAt().isPresent() ? Optional.empty() : replica.tip();
				if (tip.isEmpty()) {
					// Nothing to continue: the first generation begins unclaimed, with the first commit.
					logger.atInfo()
						.addKeyValue("database", key.database())
						.addKeyValue("instance", key.instance())
						.log("Took over instance '{}', which has no history in {}", key, this.store.describe());
					return;
				}
				Bookmark latest = tip.get().latest();
				boolean rebuilt = bringLocalTo(key, instance, replica, latest);
				if (begin(key, instance, tip.get().openEnd())) {
					logger.atInfo()
						.addKeyValue("database", key.database())
						.addKeyValue("instance", key.instance())
						.log("Took over instance '{}' at {}{}", key, latest, rebuilt ? ", rebuilt from the store" : "");
					return;
				}
			}
			throw new DurableDbException("Could not take over '" + key + "': its history in " + this.store.describe()
					+ " went on under another writer " + ATTEMPTS + " times while it was taken over");
		}
		catch (InvalidSegmentException ex) {
			throw new InvalidHistoryException("Cannot take over '" + key + "': " + ex.getMessage(), ex);
		}
		catch (IOException | SQLException ex) {
			throw new DurableDbException(
					"Could not take over '" + key + "': its history in " + this.store.describe() + " could not be read or"
							+ " continued",
					ex);
		}
		finally {
			instance.takingOver(false);
		}
	}

	/**
	 * Makes the local file exactly {@code latest}: left as it is if it closed cleanly
	 * there, rebuilt from the store otherwise.
	 * @return whether it was rebuilt
	 */
	private boolean bringLocalTo(InstanceKey key, ReplicatedInstance instance, Replica replica, Bookmark latest)
			throws IOException, SQLException {
		Path file = this.files.file(key);
		if (Files.exists(file)) {
			if (exclusive(key, () -> instance.closedAt(latest))) {
				return false;
			}
			try (StagedRebuild staged = StagedRebuild.forTarget(this.files, key.database(), file)) {
				staged.rebuildChecked(replica, latest, this.connections);
				AtomicFiles.fsync(staged.file());
				// The swap keeps the replaced file as a pre-restore backup.
				this.backups.getObject()
					.restoreStaged(key, staged.file(), "The store's history at " + latest, () -> latest);
			}
			return true;
		}
		try (StagedRebuild staged = StagedRebuild.forTarget(this.files, key.database(), file)) {
			staged.rebuildChecked(replica, latest, this.connections);
			if (AtomicFiles.publishIfAbsent(staged.file(), file, this.connections.durableAcrossPowerLoss())) {
				return true;
			}
		}
		// Created meanwhile: that file is checked, and replaced, as any other.
		return bringLocalTo(key, instance, replica, latest);
	}

	/** Claims {@code openEnd} for a new generation of the file; {@code false} if another writer claimed it first. */
	private boolean begin(InstanceKey key, ReplicatedInstance instance, Bookmark openEnd)
			throws IOException, SQLException {
		Outcome outcome = new Outcome();
		this.registry.getObject().whileNoWriter(key, () -> {
			try {
				outcome.won = instance.takeOver(openEnd);
			}
			catch (IOException | SQLException ex) {
				outcome.failure = ex;
			}
		});
		if (outcome.failure instanceof IOException ex) {
			throw ex;
		}
		if (outcome.failure instanceof SQLException ex) {
			throw ex;
		}
		return outcome.won;
	}

	private <T> T exclusive(InstanceKey key, java.util.concurrent.Callable<T> work) throws IOException {
		try {
			return this.registry.getObject().exclusive(key, work);
		}
		catch (IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new DurableDbException("Could not hold '" + key + "' for its takeover", ex);
		}
	}

	/** What the work under the writer lock gave. */
	private static final class Outcome {

		private boolean won;

		private @org.jspecify.annotations.Nullable Exception failure;

	}

}
