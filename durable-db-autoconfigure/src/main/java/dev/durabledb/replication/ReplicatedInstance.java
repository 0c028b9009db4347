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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.io.AtomicFiles;
import dev.durabledb.snapshot.Snapshots;
import dev.durabledb.sqlite.SqliteConnections;
import dev.durabledb.store.ObjectStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's replication in this process: its generation (a {@link Shipper}), how far
 * its log is shipped, and how it begins a generation, ships, checkpoints, closes and
 * opens again. Everything runs under the instance's shipping lock; what needs the instance
 * quiet (beginning a generation, checkpointing) runs in a {@link #round round} whose caller
 * holds the instance's writer lock too (that lock first, then this one).
 */
final class ReplicatedInstance {

	private static final Logger logger = LoggerFactory.getLogger(ReplicatedInstance.class);

	/** Age at which a generation that shipped anything begins anew, so that retention can delete the old. */
	private static final Duration SNAPSHOT_AGE = Duration.ofDays(1);

	private final InstanceKey key;

	private final Path file;

	private final Shipping shipping;

	/** Where snapshots and segments are written before they go to the store; startup empties it. */
	private final Path staging;

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

	/** When its oldest commit not yet in the store committed; null when the store has them all. */
	private final AtomicReference<@Nullable Instant> pendingSince = new AtomicReference<>();

	private final GroupCommit groupCommit = new GroupCommit();

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

	/**
	 * In a fenced history, the position this node may claim next: set by a takeover or by
	 * the first generation of an empty history, advanced by every claim this node wins,
	 * forgotten when it loses one. Null: this node may not extend the history.
	 */
	private volatile @Nullable Bookmark openEnd;

	/** Whether a takeover runs: a claim it loses is not another writer fencing this node off. */
	private volatile boolean takingOver;

	/** Whether a refusal to write (no lease, no open end) was logged since the last write. */
	private volatile boolean refusalLogged;

	ReplicatedInstance(InstanceKey key, Shipping shipping) {
		this.key = key;
		this.file = shipping.files().file(key);
		this.shipping = shipping;
		this.staging = shipping.files().internalDir(key.database(), "staging");
	}

	/** Counts a commit; called under the instance's writer lock, once it committed. */
	void committed(Instant at) {
		this.lastCommitAt = at;
		this.pendingSince.compareAndSet(null, at);
		this.groupCommit.committed();
	}

	GroupCommit groupCommit() {
		return this.groupCommit;
	}

	@Nullable Instant pendingSince() {
		return this.pendingSince.get();
	}

	/** Forgets the wait of commits up to {@code since}'s, now in the store; later ones keep theirs. */
	void shippedSince(@Nullable Instant since) {
		if (since != null) {
			this.pendingSince.compareAndSet(since, null);
		}
	}

	@Nullable Instant lastCommitAt() {
		return this.lastCommitAt;
	}

	@Nullable Instant lastShippedAt() {
		return this.lastShippedAt;
	}

	/** The generation and last bookmark shipped, if a generation runs. */
	@Nullable Shipper shipper() {
		return this.shipper;
	}

	boolean hasPendingGeneration() {
		return this.pending != null;
	}

	/** Whether a round needs the writer lock: a generation to begin, a check, a checkpoint or a snapshot due. */
	boolean needsQuiet() {
		return this.shipper == null || this.resumed || this.logFrames >= this.shipping.settings().checkpointFrames()
				|| snapshotDue();
	}

	/**
	 * One round; {@code quiet} when the caller holds the instance's writer lock, which
	 * beginning a generation and checkpointing need.
	 * @return the last commit in the store (or, when a generation began, its snapshot's,
	 * in the store once {@link #settle settled}); {@code null} if the round needs quiet and
	 * did not have it
	 */
	@Nullable Bookmark round(boolean quiet) throws IOException, SQLException {
		this.lock.lock();
		try {
			settle();
			if (this.shipper == null) {
				return quiet ? capture() : null;
			}
			if (this.resumed && !resumedChainHolds()) {
				return quiet ? capture() : null;
			}
			try {
				ship();
			}
			catch (ChainBrokenException ex) {
				this.shipper = null;
				if (!quiet) {
					return null;
				}
				logger.atWarn()
					.addKeyValue("database", this.key.database())
					.addKeyValue("instance", this.key.instance())
					.log("{}; instance '{}' begins a new generation", ex.getMessage(), this.key);
				return capture();
			}
			if (quiet && snapshotDue()) {
				// Bounds what a restore reads: the snapshot and at most about twice as much again.
				return capture();
			}
			if (quiet && this.logFrames >= this.shipping.settings().checkpointFrames()) {
				checkpoint();
			}
			return this.shipper.shipped();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The bookmark of the instance as it stands, while an operation holds it closed: its
	 * chain's last commit, everything shipped, or else a new generation whose snapshot is
	 * the file.
	 */
	Bookmark seal() throws IOException, SQLException {
		this.lock.lock();
		try {
			settle();
			if (this.shipper != null) {
				try {
					ship();
					return this.shipper.shipped();
				}
				catch (ChainBrokenException ex) {
					this.shipper = null;
				}
			}
			begin();
			return this.shipper.shipped();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * As the instance opens, before it serves: a file that closed cleanly, everything
	 * shipped, and is unchanged since continues its generation; a file whose log holds
	 * commits (a crash left them, perhaps never shipped) begins a generation now, so that
	 * they are in the store before its first action; any other begins one with its first
	 * commit (restored, migrated, replicated for the first time: what it holds is in the
	 * store already or can be had again, and reading many instances takes no snapshot).
	 */
	void opened(boolean created) {
		this.lock.lock();
		try {
			if (this.open++ > 0) {
				// Reopened while its last connections were still closing: the log stays as it is.
				return;
			}
			CleanClose closed = this.closedAs;
			this.closedAs = null;
			Optional<CleanClose> recorded = CleanClose.take(record());
			if (closed == null) {
				closed = recorded.orElse(null);
			}
			if (closed != null && closed.matches(this.file)) {
				if (this.shipper == null || !this.shipper.shipped().equals(closed.shipped())) {
					this.shipper = Shipper.resume(this.key.database(), this.key.instance(), closed.shipped());
					this.resumed = true;
					// The snapshot's weight is not known here: the file's, which is more, stands for it.
					generationBegan(closed.size(), Generation.began(closed.shipped().generation()));
				}
				return;
			}
			this.shipper = null;
			if (!created && !WalReader.read(wal()).frames().isEmpty()) {
				begin();
			}
		}
		catch (IOException | SQLException | RuntimeException ex) {
			this.shipper = null;
			logger.atWarn()
				.addKeyValue("database", this.key.database())
				.addKeyValue("instance", this.key.instance())
				.log("Could not begin a replication generation of instance '{}' as it opened ({}); its next"
						+ " shipping round tries again", this.key, ex.getMessage());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Before the instance's connections close (which folds the log into the file): ships
	 * its last commits, beginning a generation if it committed before its first round
	 * (nobody uses it now, so it is quiet).
	 */
	void closing() {
		this.lock.lock();
		try {
			settle();
			Instant since = this.pendingSince.get();
			if (this.shipper == null && since != null) {
				begin();
			}
			if (this.shipper != null) {
				ship();
				// Closing folds the log into the file and deletes it; the next is a new log.
				this.shipper.checkpointed();
			}
			shippedSince(since);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			this.shipper = null;
			logger.atWarn()
				.addKeyValue("database", this.key.database())
				.addKeyValue("instance", this.key.instance())
				.log("Could not ship the last commits of instance '{}' before it closed ({}); its next commit"
						+ " begins a new generation", this.key, ex.getMessage());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Once the instance's last connection closed: if everything in it was shipped, keeps a
	 * record of the file as it is, so that its next open (here or in the next process)
	 * continues the generation without a snapshot.
	 */
	void closed() {
		this.lock.lock();
		try {
			if (--this.open > 0) {
				return;
			}
			if (this.shipper != null && Files.isRegularFile(this.file) && !Files.exists(wal())) {
				this.closedAs = CleanClose.of(this.file, this.shipper.shipped());
				this.closedAs.write(record());
			}
			else {
				this.closedAs = null;
				AtomicFiles.delete(record());
			}
		}
		catch (IOException | RuntimeException ex) {
			this.closedAs = null;
			logger.atDebug()
				.addKeyValue("database", this.key.database())
				.addKeyValue("instance", this.key.instance())
				.log("Could not record how instance '{}' closed ({}); it begins a new generation when it opens",
						this.key, ex.getMessage());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * After an exclusive operation: a restore or a migration makes the next round begin a
	 * generation; a deletion leaves the history in the store marked deleted (kept until
	 * retention ends it) or deletes it, as the settings say.
	 * @return whether the instance was deleted
	 */
	boolean afterExclusive() {
		this.lock.lock();
		try {
			this.shipper = null;
			discardPending();
			this.closedAs = null;
			AtomicFiles.delete(record());
			if (Files.exists(this.file)) {
				return false;
			}
			Replica replica = replica();
			HistoryFence fence = this.shipping.fence();
			if (fence != null && fence.epoch(this.key).isEmpty()) {
				// Not this node's history to write: its owner, or the next, records the deletion.
				logger.atInfo()
					.addKeyValue("database", this.key.database())
					.addKeyValue("instance", this.key.instance())
					.log("Instance '{}' was deleted here, without a lease: its history in the store is left as it is",
							this.key);
				return true;
			}
			if (!replica.generations().isEmpty()) {
				if (this.shipping.settings().keepDeleted()) {
					replica.markDeleted(this.shipping.clock().instant());
				}
				else {
					replica.deleteAll();
				}
			}
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.atWarn()
				.addKeyValue("database", this.key.database())
				.addKeyValue("instance", this.key.instance())
				.log("Could not record what happened to instance '{}' in the store ({})", this.key, ex.getMessage());
			return !Files.exists(this.file);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Closes the instance and says whether its file is exactly {@code latest}: it closed
	 * cleanly there, everything shipped, unchanged since. Runs while the instance is held
	 * closed.
	 */
	boolean closedAt(Bookmark latest) throws IOException {
		this.lock.lock();
		try {
			Optional<CleanClose> closed = CleanClose.read(record());
			return Files.isRegularFile(this.file) && closed.isPresent() && closed.get().shipped().equals(latest)
					&& closed.get().matches(this.file);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Marks a takeover under way (or over): a claim lost meanwhile fences nobody off. */
	void takingOver(boolean takingOver) {
		this.takingOver = takingOver;
	}

	/**
	 * The end of a takeover, the file being exactly the store's last commit: claims
	 * {@code openEnd} for a new generation whose snapshot is the file, and puts that
	 * snapshot. The caller holds the writer lock, or nobody uses the instance.
	 * @return {@code false} if another writer claimed {@code openEnd} first: the store's
	 * history went on, and the takeover begins again
	 */
	boolean takeOver(Bookmark openEnd) throws IOException, SQLException {
		this.lock.lock();
		try {
			this.openEnd = openEnd;
			capture();
			if (!settle(true)) {
				return false;
			}
			if (this.open == 0 && Files.isRegularFile(this.file) && !Files.exists(wal())) {
				// The file is the new generation's snapshot: its next open continues it.
				this.closedAs = CleanClose.of(this.file, this.shipper.shipped());
				this.closedAs.write(record());
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Begins a generation now: a snapshot of the instance as it stands, put in the store,
	 * and a shipper that starts after the log's last frame. The caller holds the writer
	 * lock, or nobody uses the instance, so that the snapshot and the log agree.
	 */
	private void begin() throws IOException, SQLException {
		capture();
		settle();
	}

	/**
	 * The part of beginning a generation that needs the writer lock: a copy of the
	 * instance and the end of its log, kept as the pending generation. The compression and
	 * the put ({@link #settle}) run after the lock is released, so that writers do not wait
	 * for them; rounds settle it first, under the shipping lock, before they ship anything
	 * of it.
	 * @return the bookmark of the new generation's snapshot, in the store once settled
	 */
	private Bookmark capture() throws IOException, SQLException {
		this.shipper = null;
		discardPending();
		if (this.shipping.fence() != null) {
			// Checked before the snapshot is taken: a node that may not write takes none.
			entitlement();
		}
		WalLog log = WalReader.read(wal());
		Path snapshot = Files.createTempFile(this.staging, "replication", ".db");
		try {
			this.shipping.snapshots().take(this.file, snapshot);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			Files.deleteIfExists(snapshot);
			throw ex;
		}
		List<String> generations = replica().generations();
		String previous = generations.isEmpty() ? null : generations.get(generations.size() - 1);
		Bookmark end = this.openEnd;
		if (end != null && (previous == null || end.generation().compareTo(previous) > 0)) {
			// Claimed by a writer that died before its snapshot: no folder names it, its claim does.
			previous = end.generation();
		}
		String generation = Generation.next(previous, this.shipping.clock());
		this.pending = new PendingGeneration(generation, snapshot, log);
		return new Bookmark(generation, 0);
	}

	/** Puts the pending generation's snapshot in the store, and ships after it from then on. */
	void settle() throws IOException {
		settle(false);
	}

	/**
	 * Puts the pending generation's snapshot in the store (in a fenced history, once its
	 * open end is claimed for it), and ships after it from then on.
	 * @return {@code false} if a takeover lost the claim of the open end: nothing was put
	 */
	private boolean settle(boolean takeover) throws IOException {
		PendingGeneration generation = this.pending;
		if (generation == null) {
			return true;
		}
		this.pending = null;
		Replica replica = replica();
		long bytes;
		long size;
		try {
			if (this.shipping.fence() != null && !enter(replica, generation.generation(), takeover)) {
				return false;
			}
			replica.clearDeleted();
			size = Files.size(generation.snapshot());
			bytes = replica.putSnapshot(generation.generation(), generation.snapshot());
		}
		finally {
			Files.deleteIfExists(generation.snapshot());
		}
		Instant now = this.shipping.clock().instant();
		this.shipper = new Shipper(this.key.database(), this.key.instance(), generation.generation(), generation.log());
		this.resumed = false;
		this.logFrames = generation.log().size();
		generationBegan(size, now);
		this.shipping.listener().snapshotShipped(this.key.database(), bytes);
		int expired = replica.expire(now.minus(this.shipping.settings().retention()));
		if (expired > 0) {
			logger.atDebug()
				.addKeyValue("database", this.key.database())
				.addKeyValue("instance", this.key.instance())
				.log("Deleted {} generations of instance '{}' older than the retention of {}", expired, this.key,
						this.shipping.settings().retention());
		}
		logger.atInfo()
			.addKeyValue("database", this.key.database())
			.addKeyValue("instance", this.key.instance())
			.log("Instance '{}' begins replication generation {} in {}", this.key, generation.generation(),
					this.shipping.store().describe());
		return true;
	}

	/**
	 * Claims the open end for {@code generation}, before its snapshot is put; with no open
	 * end, only a history with no generation (or a deleted one) may begin, unclaimed.
	 * @return {@code false} if a takeover lost the claim
	 * @throws HistoryFencedException if this node may not write, or lost the claim
	 */
	private boolean enter(Replica replica, String generation, boolean takeover) throws IOException {
		long epoch = entitlement();
		Bookmark end = this.openEnd;
		if (end != null && !replica.claim(end.generation(), end.commit(), Claim.nextGeneration(generation, epoch))) {
			if (takeover) {
				this.openEnd = null;
				return false;
			}
			throw fencedOff("position " + end + " of its history, where this node was to begin generation "
					+ generation + ", is another writer's");
		}
		this.openEnd = new Bookmark(generation, 1);
		this.refusalLogged = false;
		return true;
	}

	/**
	 * The epoch under which this node may extend the history now.
	 * @throws HistoryFencedException if it holds none, or has no open end in a history
	 * that has begun (it never took it over)
	 */
	private long entitlement() throws IOException {
		OptionalLong epoch = this.shipping.fence().epoch(this.key);
		if (epoch.isEmpty()) {
			throw refused("this node holds no lease on it");
		}
		if (this.openEnd == null) {
			Replica replica = replica();
			if (!replica.generations().isEmpty() && replica.deletedAt().isEmpty()) {
				throw refused("this node has not taken its history over");
			}
		}
		return epoch.getAsLong();
	}

	private HistoryFencedException refused(String why) {
		if (!this.refusalLogged) {
			this.refusalLogged = true;
			logger.atInfo()
				.addKeyValue("database", this.key.database())
				.addKeyValue("instance", this.key.instance())
				.log("Not shipping the commits of instance '{}': {}", this.key, why);
		}
		return new HistoryFencedException(this.key, why);
	}

	/**
	 * Another writer holds the history: this node stops shipping the instance, and (unless
	 * it is taking it over) the fence hears so.
	 */
	private HistoryFencedException fencedOff(String why) {
		this.shipper = null;
		this.openEnd = null;
		logger.atWarn()
			.addKeyValue("database", this.key.database())
			.addKeyValue("instance", this.key.instance())
			.log("Instance '{}' is fenced off: {}; this node stops shipping it", this.key, why);
		if (!this.takingOver) {
			try {
				this.shipping.fence().fenced(this.key, why);
			}
			catch (RuntimeException ex) {
				logger.atWarn().log("The history fence failed to hear that '{}' was fenced off", this.key, ex);
			}
		}
		return new HistoryFencedException(this.key, why);
	}

	private void discardPending() throws IOException {
		PendingGeneration generation = this.pending;
		this.pending = null;
		if (generation != null) {
			Files.deleteIfExists(generation.snapshot());
		}
	}

	/** Puts what the log gained since the last round into the store, as one segment. */
	private void ship() throws IOException {
		WalLog log = WalReader.read(wal(), this.shipper.cursor());
		Segment segment = this.shipper.next(log, this.shipping.clock().instant());
		if (segment != null) {
			long bytes = (this.shipping.fence() != null) ? putClaimed(segment)
					: replica().putSegment(segment, this.staging);
			this.shipper.shipped(segment);
			this.lastShippedAt = this.shipping.clock().instant();
			this.framesBytes += (long) segment.frames().size() * segment.pageSize();
			this.shipping.listener().segmentShipped(this.key.database(), segment.commits().size(), bytes);
		}
		this.logFrames = log.size();
	}

	/**
	 * Puts the segment in a fenced history: under this writer's own name, then claimed at
	 * the open end.
	 * @throws HistoryFencedException if this node may not write, or another writer holds
	 * the position
	 */
	private long putClaimed(Segment segment) throws IOException {
		long epoch = entitlement();
		Bookmark end = this.openEnd;
		Bookmark first = new Bookmark(segment.generation(), segment.firstCommit());
		if (end == null || !end.equals(first)) {
			throw refused("its next segment begins at " + first + ", this node may claim "
					+ ((end != null) ? end.toString() : "nothing"));
		}
		long bytes = replica().putClaimedSegment(segment, this.staging, epoch);
		if (bytes < 0) {
			throw fencedOff("commit " + first + " of its history is another writer's");
		}
		this.openEnd = new Bookmark(segment.generation(), segment.lastCommit() + 1);
		this.refusalLogged = false;
		return bytes;
	}

	/**
	 * Folds the log, all of it shipped, into the file and empties it, through a connection
	 * of its own that does not wait: a reader still on the log makes it give up, and the
	 * next round tries again.
	 */
	private void checkpoint() throws SQLException {
		try (Connection connection = this.shipping.connections().open(this.file);
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA busy_timeout = 0");
			try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
				if (result.next() && result.getInt(1) == 0) {
					this.shipper.checkpointed();
					this.logFrames = 0;
				}
			}
		}
	}

	/**
	 * Whether the store's history of a resumed instance still ends where the file closed
	 * (checked once per process, in a round, not as the instance opens): the store may have
	 * been emptied or written by someone else since.
	 */
	private boolean resumedChainHolds() throws IOException {
		Optional<Bookmark> latest = replica().latest();
		boolean holds = latest.isPresent() && latest.get().equals(this.shipper.shipped());
		this.resumed = false;
		if (!holds) {
			logger.atWarn()
				.addKeyValue("database", this.key.database())
				.addKeyValue("instance", this.key.instance())
				.log("The store's history of instance '{}' ends at {}, not where its file closed ({}); it begins"
						+ " a new generation", this.key, latest.map(Bookmark::toString).orElse("nothing"),
						this.shipper.shipped());
			this.shipper = null;
		}
		return holds;
	}

	private void generationBegan(long snapshotSize, Instant at) {
		this.framesBytes = 0;
		this.snapshotBytes = snapshotSize;
		this.snapshotAt = at;
	}

	/**
	 * Whether the generation should begin anew: the frames it shipped weigh twice its
	 * snapshot (and at least the settings' minimum), or it is a day old. A restore so
	 * writes the snapshot and at most about twice as much again.
	 */
	private boolean snapshotDue() {
		if (this.shipper == null || this.snapshotAt == null) {
			return false;
		}
		return this.framesBytes >= Math.max(2 * this.snapshotBytes, this.shipping.settings().snapshotMinimumBytes())
				|| (this.framesBytes > 0 && this.snapshotAt.plus(SNAPSHOT_AGE).isBefore(this.shipping.clock().instant()));
	}

	private Path record() {
		return CleanClose.recordOf(this.shipping.files(), this.key);
	}

	private Replica replica() {
		return new Replica(this.shipping.store(), this.key.database(), this.key.instance(),
				this.file.getFileName().toString());
	}

	private Path wal() {
		return this.file.resolveSibling(this.file.getFileName() + "-wal");
	}

	/** A generation's snapshot taken, with the log's end then, before it is in the store. */
	private record PendingGeneration(String generation, Path snapshot, WalLog log) {
	}

	/**
	 * What every instance ships with.
	 *
	 * @param store where histories are kept
	 * @param files where instance files are
	 * @param connections connections to them, for checkpoints
	 * @param snapshots consistent copies of them
	 * @param listener told what was put in the store
	 * @param settings how replication runs
	 * @param clock the time of commits and generations
	 * @param fence who may extend histories, when several nodes share the store; null when
	 * this node is their only writer
	 */
	record Shipping(ObjectStore store, InstanceFiles files, SqliteConnections connections, Snapshots snapshots,
			ReplicationListener listener, Replicator.Settings settings, Clock clock, @Nullable HistoryFence fence) {
	}

}
