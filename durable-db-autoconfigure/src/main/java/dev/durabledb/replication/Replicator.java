package dev.durabledb.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.durabledb.DurableDbException;
import dev.durabledb.backup.BackupOperations;
import dev.durabledb.instance.CommitListener;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.instance.InstanceObserver;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.snapshot.Snapshots;
import dev.durabledb.sqlite.SqliteConnections;
import dev.durabledb.store.ObjectStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Ships every instance's commits to the store. A commit marks its instance for shipping
 * within the sync interval; a shipping round (on a small shared pool: no thread per
 * instance) reads the instance's write-ahead log and puts what it gained as the next
 * segment. The first round of an instance in this process, and any round after its chain
 * broke, begins a generation with a snapshot. Once the log holds enough frames, a round
 * ships them and checkpoints, so the log restarts only when everything in it is in the
 * store; SQLite's automatic checkpoints are off. Before an instance closes (which folds
 * the log into the file) its last frames are shipped; after an exclusive operation (a
 * restore, a deletion) its next round begins a new generation. What happens to one
 * instance is its {@link ReplicatedInstance}'s; this class schedules rounds, holds writers
 * for the acknowledgement, and follows every instance.
 * <p>
 * Lock order: a round that needs the instance quiet takes the registry's writer lock
 * first and the instance's shipping lock inside it; a close takes only the shipping lock,
 * and cannot happen while a round holds the instance.
 * <p>
 * With a {@link HistoryFence} (several nodes sharing the store), histories are fenced:
 * every segment and every new generation is claimed in the store under this node's epoch,
 * an instance is written only after this node {@linkplain #takeOver took it over}, and a
 * claim lost to another writer fences this node off the instance (see {@link Replica}).
 */
public final class Replicator implements CommitListener, InstanceObserver, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Replicator.class);

	private final ReplicatedInstance.Shipping shipping;

	private final ObjectProvider<InstanceRegistry> registry;

	private final Settings settings;

	private final Clock clock;

	private final Map<InstanceKey, ReplicatedInstance> instances = new ConcurrentHashMap<>();

	private final Set<InstanceKey> due = ConcurrentHashMap.newKeySet();

	private final Set<InstanceKey> failing = ConcurrentHashMap.newKeySet();

	private final ScheduledThreadPoolExecutor rounds;

	private final RetentionSweep retentionSweep;

	private final @Nullable Takeover takeover;

	Replicator(ObjectStore store, InstanceFiles files, SqliteConnections connections,
			ObjectProvider<InstanceRegistry> registry, Settings settings, ReplicationListener listener, Clock clock) {
		this(store, files, connections, registry, null, null, settings, listener, clock);
	}

	/**
	 * @param backups the restores a takeover swaps a rebuilt file in with; only used with a fence
	 * @param fence who may extend histories when several nodes share the store; null when
	 * this node is their only writer
	 */
	Replicator(ObjectStore store, InstanceFiles files, SqliteConnections connections,
			ObjectProvider<InstanceRegistry> registry, @Nullable ObjectProvider<BackupOperations> backups,
			@Nullable HistoryFence fence, Settings settings, ReplicationListener listener, Clock clock) {
		this.shipping = new ReplicatedInstance.Shipping(store, files, connections, new Snapshots(connections), listener,
				settings, clock, fence);
		this.takeover = (fence != null && backups != null)
				? new Takeover(store, files, connections, registry, backups) : null;
		this.registry = registry;
		this.settings = settings;
		this.clock = clock;
		this.rounds = new ScheduledThreadPoolExecutor(settings.threads(), (runnable) -> {
			Thread thread = new Thread(runnable, "durable-db-replication");
			thread.setDaemon(true);
			return thread;
		});
		// Rounds still waiting at shutdown are moot: closing each instance ships what is left.
		this.rounds.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		// Instances that stay idle, or were deleted, begin no generation to expire their history.
		this.retentionSweep = new RetentionSweep(store, settings.retention(), clock);
		this.rounds.scheduleWithFixedDelay(this.retentionSweep, RetentionSweep.DELAY.toMinutes(),
				RetentionSweep.PERIOD.toMinutes(), TimeUnit.MINUTES);
	}

	/** The retention sweep over every instance's history, which runs daily on the shipping pool. */
	RetentionSweep retentionSweep() {
		return this.retentionSweep;
	}

	@Override
	public void afterCommit(InstanceKey key) {
		instance(key).committed(this.clock.instant());
		if (this.due.add(key)) {
			this.rounds.schedule(() -> scheduledRound(key), this.settings.syncInterval().toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * With the {@code replicated} acknowledgement, holds the writer until its commit is in
	 * the store (sharing a round with the writers waiting at the same time).
	 */
	@Override
	public void acknowledge(InstanceKey key) {
		if (this.settings.replicated()) {
			instance(key).groupCommit().awaitShipped(key, () -> shipNow(key));
		}
		else if (overdue(key)) {
			// Rounds fall behind the writers (more commits than the pool ships): the writer
			// ships, with those waiting beside it, so that the store stays within the sync
			// interval. Not while the store fails: local writes go on then.
			try {
				instance(key).groupCommit().awaitShipped(key, () -> shipNow(key));
			}
			catch (NotReplicatedException | HistoryFencedException ex) {
				// Committed locally, as this acknowledgement promises; the rounds keep trying.
			}
		}
	}

	/** Whether the instance's oldest commit not in the store waited longer than the sync interval. */
	private boolean overdue(InstanceKey key) {
		Instant since = instance(key).pendingSince();
		return since != null && !this.failing.contains(key)
				&& since.plus(this.settings.syncInterval()).isBefore(this.clock.instant());
	}

	/** How long the oldest commit not yet in the store has waited; zero if none waits. */
	Duration lag() {
		Instant now = this.clock.instant();
		Duration lag = Duration.ZERO;
		for (ReplicatedInstance instance : this.instances.values()) {
			Instant since = instance.pendingSince();
			if (since != null && Duration.between(since, now).compareTo(lag) > 0) {
				lag = Duration.between(since, now);
			}
		}
		return lag;
	}

	/**
	 * Ships what the instance committed and the store lacks, now, on this thread.
	 * @return the last commit in the store
	 */
	Bookmark shipNow(InstanceKey key) throws Exception {
		ReplicatedInstance instance = instance(key);
		Instant since = instance.pendingSince();
		Bookmark shipped = shipWhatIsThere(key);
		instance.shippedSince(since);
		return shipped;
	}

	/** What this process knows of the instance's shipping, and the store's oldest generation. */
	ReplicationStatus status(InstanceKey key) throws IOException {
		ReplicatedInstance instance = this.instances.get(key);
		Shipper shipper = (instance != null) ? instance.shipper() : null;
		Path file = this.shipping.files().file(key);
		List<String> generations = new Replica(this.shipping.store(), key.database(), key.instance(),
				file.getFileName().toString())
			.generations();
		Instant pending = (instance != null) ? instance.pendingSince() : null;
		return new ReplicationStatus((shipper != null) ? shipper.generation() : null,
				(shipper != null) ? shipper.shipped().toString() : null,
				(instance != null) ? instance.lastCommitAt() : null, (instance != null) ? instance.lastShippedAt() : null,
				pending, (pending != null) ? Duration.between(pending, this.clock.instant()) : Duration.ZERO,
				this.failing.contains(key), generations.isEmpty() ? null : Generation.began(generations.get(0)));
	}

	/**
	 * Ships without holding writers up when it can; takes the writer lock only for what
	 * needs the instance quiet (a generation to begin, a checkpoint), ships first without
	 * it, so that writers wait only for the frames committed meanwhile, and puts a new
	 * generation's snapshot in the store after releasing it.
	 */
	private Bookmark shipWhatIsThere(InstanceKey key) throws Exception {
		ReplicatedInstance instance = instance(key);
		for (int attempt = 0; attempt < 3; attempt++) {
			Bookmark shipped = instance.round(false);
			if (shipped != null && !instance.needsQuiet()) {
				return shipped;
			}
			Bookmark quiet = this.registry.getObject().withWriterLock(key, () -> instance.round(true));
			if (!instance.hasPendingGeneration()) {
				return quiet;
			}
			Bookmark settled = instance.round(false);
			if (settled != null) {
				return settled;
			}
		}
		throw new DurableDbException("The log of instance '" + key + "' kept breaking its chain while it was shipped");
	}

	/**
	 * The bookmark of the instance as it stands, for an operation that holds it closed
	 * ({@link InstanceRegistry#exclusive}): its chain's last commit, everything shipped as
	 * it closed, or else a new generation whose snapshot is the file.
	 */
	Bookmark seal(InstanceKey key) throws IOException, SQLException {
		return instance(key).seal();
	}

	/**
	 * Makes this node the writer of the instance's history in the store (cluster mode).
	 * Call it once this node acquired the instance's lease under a new epoch (the
	 * {@link HistoryFence} gives it) and before the instance serves here. It reads the
	 * store's last commit, makes the local file exactly that commit (the file is left as it
	 * is if it closed cleanly right there; otherwise it is rebuilt from the store, and the
	 * file it replaces is kept as a {@code pre-restore} backup), then claims the position
	 * after that commit for a new generation whose snapshot is the file. From then on the
	 * previous owner's next claim fails and it is fenced off; if it claimed that position
	 * first, the takeover reads the history again. An instance with no history in the
	 * store (or a deleted one) is left as it is: its first commit begins the history.
	 * @throws IllegalStateException if there is no {@link HistoryFence}
	 * @throws InvalidHistoryException if the store's history cannot give its last commit
	 * @throws DurableDbException if the history cannot be read or continued, or the
	 * previous owner kept extending it meanwhile; the lease should be given up
	 */
	public void takeOver(InstanceKey key) {
		if (this.takeover == null) {
			throw new IllegalStateException("A takeover needs a HistoryFence: without one this node is the only writer"
					+ " of every history");
		}
		this.takeover.run(key, instance(key));
	}

	/** Whether this process keeps shipping state for {@code key}. */
	boolean follows(InstanceKey key) {
		return this.instances.containsKey(key);
	}

	@Override
	public void afterOpen(InstanceKey key, Path file, boolean created) {
		instance(key).opened(created);
	}

	@Override
	public void beforeClose(InstanceKey key, Path file) {
		ReplicatedInstance instance = this.instances.get(key);
		if (instance != null) {
			instance.closing();
		}
	}

	@Override
	public void afterClose(InstanceKey key, Path file) {
		ReplicatedInstance instance = this.instances.get(key);
		if (instance != null) {
			instance.closed();
		}
	}

	/**
	 * After a restore or a migration the next round begins a generation; after a deletion
	 * the instance is let go, and its history in the store is kept (marked deleted, until
	 * retention ends it) or deleted, as {@code durable-db.tenant.keep-deleted} says.
	 */
	@Override
	public void afterExclusive(InstanceKey key) {
		ReplicatedInstance instance = instance(key);
		if (instance.afterExclusive()) {
			this.instances.remove(key, instance);
		}
	}

	@Override
	public void close() {
		this.rounds.shutdown();
		try {
			this.rounds.awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void scheduledRound(InstanceKey key) {
		this.due.remove(key);
		try {
			shipNow(key);
			if (this.failing.remove(key)) {
				logger.atInfo()
					.addKeyValue("database", key.database())
					.addKeyValue("instance", key.instance())
					.log("Shipping the commits of instance '{}' works again", key);
			}
		}
		catch (InstanceNotFoundException ex) {
			// Deleted since its commit: its history in the store follows the deletion policy.
			this.instances.remove(key);
			this.failing.remove(key);
		}
		catch (HistoryFencedException ex) {
			// Not this node's to ship (another writer's, or no lease): rounds would not mend
			// that. A takeover makes it this node's again; its commits then ship.
			this.failing.add(key);
		}
		catch (Exception ex) {
			// One line when an instance starts failing, not one per round: a store that is down
			// fails every instance every sync interval.
			boolean first = this.failing.add(key);
			logger.atLevel(first ? org.slf4j.event.Level.WARN : org.slf4j.event.Level.DEBUG)
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.log("Could not ship the commits of instance '{}' ({}); trying again every {}", key, ex.getMessage(),
						this.settings.syncInterval());
			afterCommit(key);
		}
	}

	private ReplicatedInstance instance(InstanceKey key) {
		return this.instances.computeIfAbsent(key, (k) -> new ReplicatedInstance(k, this.shipping));
	}

	/**
	 * How replication runs.
	 *
	 * @param syncInterval how long after a commit its round runs
	 * @param checkpointFrames how many frames the log may hold before a round checkpoints
	 * @param threads how many rounds run at once
	 * @param replicated whether writers wait until their commits are in the store
	 * @param retention how far back restores must reach
	 * @param keepDeleted whether a deleted instance's history stays (until retention ends it)
	 * @param snapshotMinimumBytes how many bytes of frames a generation ships before their
	 * weight may begin a new one
	 */
	record Settings(Duration syncInterval, int checkpointFrames, int threads, boolean replicated,
			Duration retention, boolean keepDeleted, long snapshotMinimumBytes) {
	}

}
