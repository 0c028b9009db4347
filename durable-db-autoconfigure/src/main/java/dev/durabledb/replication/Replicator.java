package dev.durabledb.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.durabledb.DurableDbException;
import dev.durabledb.instance.CommitListener;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.instance.InstanceObserver;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.io.AtomicFiles;
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
 * restore, a deletion) its next round begins a new generation.
 * <p>
 * Lock order: a round that needs the instance quiet takes the registry's writer lock
 * first and the instance's shipping lock inside it; a close takes only the shipping lock,
 * and cannot happen while a round holds the instance.
 */
final class Replicator implements CommitListener, InstanceObserver, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Replicator.class);

	/** Age at which a generation that shipped anything begins anew, so that retention can delete the old. */
	private static final Duration SNAPSHOT_AGE = Duration.ofDays(1);

	private final ObjectStore store;

	private final InstanceFiles files;

	private final SqliteConnections connections;

	private final Snapshots snapshots;

	private final ObjectProvider<InstanceRegistry> registry;

	private final Settings settings;

	private final Clock clock;

	private final Map<InstanceKey, History> histories = new ConcurrentHashMap<>();

	private final Set<InstanceKey> due = ConcurrentHashMap.newKeySet();

	private final Set<InstanceKey> failing = ConcurrentHashMap.newKeySet();

	private final Map<InstanceKey, Instant> pendingSince = new ConcurrentHashMap<>();

	private final ScheduledThreadPoolExecutor rounds;

	private final GroupCommit groupCommit = new GroupCommit();

	private final RetentionSweep retentionSweep;

	private final ReplicationListener listener;

	Replicator(ObjectStore store, InstanceFiles files, SqliteConnections connections,
			ObjectProvider<InstanceRegistry> registry, Settings settings, ReplicationListener listener, Clock clock) {
		this.store = store;
		this.files = files;
		this.connections = connections;
		this.snapshots = new Snapshots(connections);
		this.registry = registry;
		this.settings = settings;
		this.clock = clock;
		this.listener = listener;
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
		Instant now = this.clock.instant();
		this.groupCommit.committed(key);
		this.pendingSince.putIfAbsent(key, now);
		history(key).lastCommitAt = now;
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
			this.groupCommit.awaitShipped(key, () -> shipNow(key));
		}
		else if (overdue(key)) {
			// Rounds fall behind the writers (more commits than the pool ships): the writer
			// ships, with those waiting beside it, so that the store stays within the sync
			// interval. Not while the store fails: local writes go on then.
			try {
				this.groupCommit.awaitShipped(key, () -> shipNow(key));
			}
			catch (NotReplicatedException ex) {
				// Committed locally, as this acknowledgement promises; the rounds keep trying.
			}
		}
	}

	/** Whether the instance's oldest commit not in the store waited longer than the sync interval. */
	private boolean overdue(InstanceKey key) {
		Instant since = this.pendingSince.get(key);
		return since != null && !this.failing.contains(key)
				&& since.plus(this.settings.syncInterval()).isBefore(this.clock.instant());
	}

	/** How long the oldest commit not yet in the store has waited; zero if none waits. */
	Duration lag() {
		Instant now = this.clock.instant();
		Duration lag = Duration.ZERO;
		for (Instant since : this.pendingSince.values()) {
			Duration waited = Duration.between(since, now);
			if (waited.compareTo(lag) > 0) {
				lag = waited;
			}
		}
		return lag;
	}

	/**
	 * Ships what the instance committed and the store lacks, now, on this thread.
	 * @return the last commit in the store
	 */
	Bookmark shipNow(InstanceKey key) throws Exception {
		Instant since = this.pendingSince.get(key);
		Bookmark shipped = shipWhatIsThere(key);
		if (since != null) {
			this.pendingSince.remove(key, since);
		}
		return shipped;
	}

	/** What this process knows of the instance's shipping, and the store's oldest generation. */
	ReplicationStatus status(InstanceKey key) throws IOException {
		History history = this.histories.get(key);
		Shipper shipper = (history != null) ? history.shipper : null;
		List<String> generations = replica(key, this.files.file(key)).generations();
		Instant pending = this.pendingSince.get(key);
		return new ReplicationStatus((shipper != null) ? shipper.generation() : null,
				(shipper != null) ? shipper.shipped().toString() : null, (history != null) ? history.lastCommitAt : null,
				(history != null) ? history.lastShippedAt : null, pending,
				(pending != null) ? Duration.between(pending, this.clock.instant()) : Duration.ZERO,
				this.failing.contains(key), generations.isEmpty() ? null : Generation.began(generations.get(0)));
	}

	/**
	 * Ships without holding writers up when it can; takes the writer lock only for what
	 * needs the instance quiet (a generation to begin, a checkpoint), and then ships first
	 * without it, so that writers wait only for the frames committed meanwhile.
	 */
	private Bookmark shipWhatIsThere(InstanceKey key) throws Exception {
		History history = history(key);
		for (int attempt = 0; attempt < 3; attempt++) {
			Bookmark shipped = round(key, history, false);
			if (shipped != null && !history.needsQuiet(this.settings, this.clock.instant())) {
				return shipped;
			}
			Bookmark quiet = this.registry.getObject().withWriterLock(key, () -> round(key, history, true));
			if (history.pending == null) {
				return quiet;
			}
			// A generation began: its snapshot goes to the store now, writers going on meanwhile.
			Bookmark settled = round(key, history, false);
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
		History history = history(key);
		Path file = this.files.file(key);
		history.lock.lock();
		try {
			settle(key, history, file);
			if (history.shipper != null) {
				try {
					ship(key, history, file);
					return history.shipper.shipped();
				}
				catch (ChainBrokenException ex) {
					history.shipper = null;
				}
			}
			begin(key, history, file);
			return history.shipper.shipped();
		}
		finally {
			history.lock.unlock();
		}
	}

	/** Whether this process keeps shipping state for {@code key}. */
	boolean follows(InstanceKey key) {
		return this.histories.containsKey(key);
	}

	/**
	 * Before the instance serves: a file that closed cleanly, everything shipped, and is
	 * unchanged since continues its generation; a file whose log holds commits (a crash
	 * left them, perhaps never shipped) begins a generation now, so that they are in the
	 * store before its first action; any other begins one with its first commit.
	 */
	@Override
	public void afterOpen(InstanceKey key, Path file, boolean created) {
		History history = history(key);
		history.lock.lock();
		try {
			if (history.open++ > 0) {
				// Reopened while its last connections were still closing: the log stays as it is.
				return;
			}
			CleanClose closed = history.closedAs;
			history.closedAs = null;
			Path record = cleanCloseRecord(key, file);
			Optional<CleanClose> recorded = CleanClose.take(record);
			if (closed == null) {
				closed = recorded.orElse(null);
			}
			if (closed != null && closed.matches(file)) {
				if (history.shipper == null
						|| !history.shipper.shipped().equals(closed.shipped())) {
					history.shipper = Shipper.resume(key.database(), key.instance(), closed.shipped());
					history.resumed = true;
					// The snapshot's weight is not known here: the file's, which is more, stands for it.
					history.generationBegan(closed.size(), Generation.began(closed.shipped().generation()));
				}
				return;
			}
			history.shipper = null;
			if (!created && !WalReader.read(wal(file)).frames().isEmpty()) {
				// Commits a crash left in the log reach the store before the first action.
				begin(key, history, file);
			}
			// Otherwise (restored, migrated, replicated for the first time) the first commit
			// begins the generation: what the file holds is in the store already or can be
			// had again, and opening many instances to read them takes no snapshot.
		}
		catch (IOException | SQLException | RuntimeException ex) {
			history.shipper = null;
			logger.atWarn()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.log("Could not begin a replication generation of instance '{}' as it opened ({}); its next"
						+ " shipping round tries again", key, ex.getMessage());
		}
		finally {
			history.lock.unlock();
		}
	}

	/**
	 * Once the instance's last connection closed: if everything in it was shipped, keeps a
	 * record of the file as it is, so that its next open (here or in the next process)
	 * continues the generation without a snapshot.
	 */
	@Override
	public void afterClose(InstanceKey key, Path file) {
		History history = this.histories.get(key);
		if (history == null) {
			return;
		}
		history.lock.lock();
		try {
			if (--history.open > 0) {
				return;
			}
			Path record = cleanCloseRecord(key, file);
			if (history.shipper != null && Files.isRegularFile(file) && !Files.exists(wal(file))) {
				history.closedAs = CleanClose.of(file, history.shipper.shipped());
				history.closedAs.write(record);
			}
			else {
				history.closedAs = null;
				AtomicFiles.delete(record);
			}
		}
		catch (IOException | RuntimeException ex) {
			history.closedAs = null;
			logger.atDebug()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.log("Could not record how instance '{}' closed ({}); it begins a new generation when it opens",
						key, ex.getMessage());
		}
		finally {
			history.lock.unlock();
		}
	}

	@Override
	public void beforeClose(InstanceKey key, Path file) {
		History history = this.histories.get(key);
		if (history == null) {
			return;
		}
		history.lock.lock();
		try {
			settle(key, history, file);
			if (history.shipper == null && this.pendingSince.containsKey(key)) {
				// Committed before its first round: nobody uses the instance, so it is quiet.
				begin(key, history, file);
			}
			if (history.shipper != null) {
				ship(key, history, file);
				// Closing folds the log into the file and deletes it; the next is a new log.
				history.shipper.checkpointed();
			}
			this.pendingSince.remove(key);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			history.shipper = null;
			logger.atWarn()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.log("Could not ship the last commits of instance '{}' before it closed ({}); its next commit"
						+ " begins a new generation", key, ex.getMessage());
		}
		finally {
			history.lock.unlock();
		}
	}

	/**
	 * After a restore or a migration the next round begins a generation; after a deletion
	 * the instance is let go, and its history in the store is kept (marked deleted, until
	 * retention ends it) or deleted, as {@code durable-db.tenant.keep-deleted} says.
	 */
	@Override
	public void afterExclusive(InstanceKey key) {
		Path file = this.files.file(key);
		History history = history(key);
		history.lock.lock();
		try {
			history.shipper = null;
			discardPending(history);
			history.closedAs = null;
			AtomicFiles.delete(cleanCloseRecord(key, file));
			if (!Files.exists(file)) {
				this.histories.remove(key, history);
				this.pendingSince.remove(key);
				this.groupCommit.forget(key);
				Replica replica = replica(key, file);
				if (!replica.generations().isEmpty()) {
					if (this.settings.keepDeleted()) {
						replica.markDeleted(this.clock.instant());
					}
					else {
						replica.deleteAll();
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.atWarn()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.log("Could not record what happened to instance '{}' in the store ({})", key, ex.getMessage());
		}
		finally {
			history.lock.unlock();
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
			this.histories.remove(key);
			this.failing.remove(key);
			this.groupCommit.forget(key);
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

	/**
	 * One round under the instance's shipping lock; {@code quiet} when the caller holds
	 * the instance's writer lock, which beginning a generation and checkpointing need.
	 * @return the last commit in the store, or {@code null} if the round needs quiet and
	 * did not have it
	 */
	private @Nullable Bookmark round(InstanceKey key, History history, boolean quiet) throws Exception {
		Path file = this.files.file(key);
		history.lock.lock();
		try {
			settle(key, history, file);
			if (history.shipper == null) {
				return quiet ? capture(key, history, file) : null;
			}
			if (history.resumed && !resumedChainHolds(key, history, file)) {
				return quiet ? capture(key, history, file) : null;
			}
			try {
				ship(key, history, file);
			}
			catch (ChainBrokenException ex) {
				history.shipper = null;
				if (!quiet) {
					return null;
				}
				logger.atWarn()
					.addKeyValue("database", key.database())
					.addKeyValue("instance", key.instance())
					.log("{}; instance '{}' begins a new generation", ex.getMessage(), key);
				return capture(key, history, file);
			}
			if (quiet && history.snapshotDue(this.settings, this.clock.instant())) {
				// Bounds what a restore reads: the snapshot and at most about as much again.
				return capture(key, history, file);
			}
			if (quiet && history.logFrames >= this.settings.checkpointFrames()) {
				checkpoint(history, file);
			}
			return history.shipper.shipped();
		}
		finally {
			history.lock.unlock();
		}
	}

	/**
	 * Begins a generation now: a snapshot of the instance as it stands, put in the store,
	 * and a shipper that starts after the log's last frame. The caller holds the writer
	 * lock, or nobody uses the instance, so that the snapshot and the log agree.
	 */
	private void begin(InstanceKey key, History history, Path file) throws IOException, SQLException {
		capture(key, history, file);
		settle(key, history, file);
	}

	/**
	 * The part of beginning a generation that needs the writer lock: a copy of the
	 * instance and the end of its log, kept as the instance's pending generation. The
	 * compression and the put ({@link #settle}) run after the lock is released, so that
	 * writers do not wait for them; rounds settle it first, under the instance's shipping
	 * lock, before they ship anything of it.
	 * @return the bookmark of the new generation's snapshot, in the store once settled
	 */
	private Bookmark capture(InstanceKey key, History history, Path file) throws IOException, SQLException {
		history.shipper = null;
		discardPending(history);
		WalLog log = WalReader.read(wal(file));
		Path snapshot = Files.createTempFile(this.files.internalDir(key.database(), "staging"), "replication", ".db");
		try {
			this.snapshots.take(file, snapshot);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			Files.deleteIfExists(snapshot);
			throw ex;
		}
		Replica replica = replica(key, file);
		List<String> generations = replica.generations();
		String generation = Generation.next(generations.isEmpty() ? null : generations.get(generations.size() - 1),
				this.clock);
		history.pending = new PendingGeneration(generation, snapshot, log);
		return new Bookmark(generation, 0);
	}

	/** Puts the pending generation's snapshot in the store, and ships after it from then on. */
	private void settle(InstanceKey key, History history, Path file) throws IOException {
		PendingGeneration pending = history.pending;
		if (pending == null) {
			return;
		}
		history.pending = null;
		Replica replica = replica(key, file);
		long bytes;
		long size;
		try {
			replica.clearDeleted();
			size = Files.size(pending.snapshot());
			bytes = replica.putSnapshot(pending.generation(), pending.snapshot());
		}
		finally {
			Files.deleteIfExists(pending.snapshot());
		}
		history.shipper = new Shipper(key.database(), key.instance(), pending.generation(), pending.log());
		history.resumed = false;
		history.logFrames = pending.log().size();
		history.generationBegan(size, this.clock.instant());
		this.listener.snapshotShipped(key.database(), bytes);
		int expired = replica.expire(this.clock.instant().minus(this.settings.retention()));
		if (expired > 0) {
			logger.atDebug()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.log("Deleted {} generations of instance '{}' older than the retention of {}", expired, key,
						this.settings.retention());
		}
		logger.atInfo()
			.addKeyValue("database", key.database())
			.addKeyValue("instance", key.instance())
			.log("Instance '{}' begins replication generation {} in {}", key, pending.generation(),
					this.store.describe());
	}

	private static void discardPending(History history) throws IOException {
		PendingGeneration pending = history.pending;
		history.pending = null;
		if (pending != null) {
			Files.deleteIfExists(pending.snapshot());
		}
	}

	/** Puts what the log gained since the last round into the store, as one segment. */
	private void ship(InstanceKey key, History history, Path file) throws IOException {
		WalLog log = WalReader.read(wal(file), history.shipper.cursor());
		Segment segment = history.shipper.next(log, this.clock.instant());
		if (segment != null) {
			long bytes = replica(key, file).putSegment(segment);
			history.shipper.shipped(segment);
			history.lastShippedAt = this.clock.instant();
			history.framesBytes += (long) segment.frames().size() * segment.pageSize();
			this.listener.segmentShipped(key.database(), segment.commits().size(), bytes);
		}
		history.logFrames = log.size();
	}

	/**
	 * Folds the log, all of it shipped, into the file and empties it, through a connection
	 * of its own that does not wait: a reader still on the log makes it give up, and the
	 * next round tries again.
	 */
	private void checkpoint(History history, Path file) throws SQLException {
		try (Connection connection = this.connections.open(file); Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA busy_timeout = 0");
			try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
				if (result.next() && result.getInt(1) == 0) {
					history.shipper.checkpointed();
					history.logFrames = 0;
				}
			}
		}
	}

	/**
	 * Whether the store's history of a resumed instance still ends where the file closed
	 * (checked once per process, in a round, not as the instance opens): the store may have
	 * been emptied or written by someone else since.
	 */
	private boolean resumedChainHolds(InstanceKey key, History history, Path file) throws IOException {
		Optional<Bookmark> latest = replica(key, file).latest();
		boolean holds = latest.isPresent() && latest.get().equals(history.shipper.shipped());
		history.resumed = false;
		if (!holds) {
			logger.atWarn()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.log("The store's history of instance '{}' ends at {}, not where its file closed ({}); it begins"
						+ " a new generation", key, latest.map(Bookmark::toString).orElse("nothing"),
						history.shipper.shipped());
			history.shipper = null;
		}
		return holds;
	}

	private Path cleanCloseRecord(InstanceKey key, Path file) {
		return CleanClose.recordOf(this.files, key);
	}

	private Replica replica(InstanceKey key, Path file) {
		return new Replica(this.store, key.database(), key.instance(), file.getFileName().toString());
	}

	private History history(InstanceKey key) {
		return this.histories.computeIfAbsent(key, (k) -> new History());
	}

	private static Path wal(Path file) {
		return file.resolveSibling(file.getFileName() + "-wal");
	}

	/** What this process knows of one instance's shipping. */
	private static final class History {

		private final ReentrantLock lock = new ReentrantLock();

		/** Null until a generation begins, and again once its chain is broken. */
		private @Nullable Shipper shipper;

		/** A generation captured under the writer lock whose snapshot is not in the store yet. */
		private volatile @Nullable PendingGeneration pending;

		/** How many frames the log held at the last round. */
		private int logFrames;

		/** When a round last put a segment in the store. */
		private volatile @Nullable Instant lastShippedAt;

		/** When the instance's last commit in this process committed. */
		private volatile @Nullable Instant lastCommitAt;

		/** How many of its instance objects are open: more than one while one closes as the next opens. */
		private int open;

		/** The file as it closed last, everything in it shipped; null while open or if unknown. */
		private @Nullable CleanClose closedAs;

		/** Whether the shipper continues a generation from a clean close, not yet checked against the store. */
		private boolean resumed;

		/** Bytes of frames shipped since the generation's snapshot, the snapshot's bytes (uncompressed) and time. */
		private long framesBytes;

		private long snapshotBytes;

		private @Nullable Instant snapshotAt;

		void generationBegan(long snapshotBytes, Instant at) {
			this.framesBytes = 0;
			this.snapshotBytes = snapshotBytes;
			this.snapshotAt = at;
		}

		boolean needsQuiet(Settings settings, Instant now) {
			return this.shipper == null || this.resumed || this.logFrames >= settings.checkpointFrames()
					|| snapshotDue(settings, now);
		}

		/**
		 * Whether the generation should begin anew: the frames it shipped weigh twice its
		 * snapshot (and at least the settings' minimum), or it is a day old. A restore so
		 * writes the snapshot and at most about twice as much again.
		 */
		boolean snapshotDue(Settings settings, Instant now) {
			if (this.shipper == null || this.snapshotAt == null) {
				return false;
			}
			return this.framesBytes >= Math.max(2 * this.snapshotBytes, settings.snapshotMinimumBytes())
					|| (this.framesBytes > 0 && this.snapshotAt.plus(SNAPSHOT_AGE).isBefore(now));
		}

	}

	/** A generation's snapshot taken, with the log's end then, before it is in the store. */
	private record PendingGeneration(String generation, Path snapshot, WalLog log) {
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
