package dev.durabledb.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import dev.durabledb.cluster.LeaseListener.AcquisitionOutcome;
import dev.durabledb.instance.InstanceKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of the leases: the ones it holds, each with its epoch and a local
 * deadline until which the node may still acknowledge writes for the instance.
 * <p>
 * The deadline is measured on the monotonic clock ({@link System#nanoTime()}) from the
 * moment the statement that acquired or last renewed the lease was <em>sent</em>, plus the
 * TTL minus the safety margin. The database computes the expiry as its {@code now()} plus
 * the TTL, and its {@code now()} is taken after the statement arrived, so after it was
 * sent: counting from the sending can only end earlier than the database's expiry, however
 * long the statement and its answer took. Counting from the answer would add their delay
 * (a slow network, a pause of this JVM before it read the answer) to the node's belief, and
 * could let it act after the database handed the lease to another node. The safety margin
 * covers what remains: the two clocks running at slightly different rates, and the time
 * between a check of {@link #isValid} and the write it allowed.
 * <p>
 * A deadline is only ever moved by a statement that succeeded: while the lease store does
 * not answer, every lease runs out at its deadline and {@link #isValid} turns false.
 * Renewal rounds ({@link #renew}) run on one thread; {@link #acquire}, {@link #isValid},
 * {@link #epoch} and {@link #release} may be called from any thread. Callers acquiring the
 * same instance at once share one statement. Acquisitions and releases do not overlap a
 * renewal round (they wait for the round's one statement): every lease this node holds when
 * a round is sent was committed before it, so a lease missing from the round's answer was
 * really lost.
 */
public final class LeaseKeeper {

	private static final Logger logger = LoggerFactory.getLogger(LeaseKeeper.class);

	private final LeaseTable table;

	private final ClusterNode node;

	private final Duration ttl;

	private final long validityNanos;

	private final LongSupplier nanoTime;

	private final Clock clock;

	private final List<LeaseListener> listeners;

	/** The leases this node holds; changed only under this object's monitor. */
	private final Map<InstanceKey, Held> held = new ConcurrentHashMap<>();

	/** Shared by the statements of acquisitions and releases, exclusive to a renewal round. */
	private final ReadWriteLock roundLock = new ReentrantReadWriteLock();

	/** Acquisitions under way, which later callers for the same instance join. */
	private final Map<InstanceKey, CompletableFuture<Acquisition>> acquiring = new ConcurrentHashMap<>();

	private volatile boolean lastRoundFailed;

	/** When the last successful round was sent (nanoTime); when this keeper was made before the first. */
	private volatile long lastSuccessSent;

	private volatile @Nullable Instant lastRenewal;

	/**
	 * @param table the lease table
	 * @param node this node
	 * @param ttl how long a lease lasts without renewal, by the database's clock
	 * @param safetyMargin how long before that this node stops acting on it
	 * @param nanoTime the monotonic clock ({@code System::nanoTime})
	 * @param clock the wall clock, for {@link #lastRenewal()} only
	 * @param listeners told of each lease lost
	 */
	LeaseKeeper(LeaseTable table, ClusterNode node, Duration ttl, Duration safetyMargin, LongSupplier nanoTime,
			Clock clock, List<LeaseListener> listeners) {
		if (safetyMargin.compareTo(ttl) >= 0) {
			throw new IllegalArgumentException("The safety margin must be shorter than the TTL");
		}
		this.table = table;
		this.node = node;
		this.ttl = ttl;
		this.validityNanos = ttl.minus(safetyMargin).toNanos();
		this.nanoTime = nanoTime;
		this.clock = clock;
		this.listeners = List.copyOf(listeners);
		this.lastSuccessSent = nanoTime.getAsLong();
	}

	/** The id this node holds its leases under. */
	public String nodeId() {
		return this.node.id();
	}

	/** The base URL other nodes reach this node at, as the lease table records it. */
	public String advertisedUrl() {
		return this.node.url();
	}

	/**
	 * Acquires the lease on {@code key} unless another live node holds it. A lease this node
	 * still holds validly is granted at once, under its epoch, without a statement.
	 * @return granted, with the epoch, or refused, naming the holder and its URL
	 * @throws LeaseStoreException when the lease store fails; this node then does not hold
	 * the lease
	 */
	public Acquisition acquire(InstanceKey key) {
		Held current = this.held.get(key);
		if (current != null && valid(current)) {
			return new Acquisition.Granted(key, current.epoch());
		}
		CompletableFuture<Acquisition> mine = new CompletableFuture<>();
		CompletableFuture<Acquisition> running = this.acquiring.putIfAbsent(key, mine);
		if (running != null) {
			return join(running);
		}
		try {
			Acquisition answer = acquireFromTable(key);
			mine.complete(answer);
			return answer;
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.acquiring.remove(key, mine);
		}
	}

	private Acquisition acquireFromTable(InstanceKey key) {
		Held overdue;
		synchronized (this) {
			Held current = this.held.get(key);
			if (current != null && valid(current)) {
				return new Acquisition.Granted(key, current.epoch());
			}
			overdue = (current != null) ? this.held.remove(key) : null;
		}
		if (overdue != null) {
			lost(List.of(new Lost(key, overdue.epoch())));
		}
		Acquisition answer;
		try {
			answer = acquireInTable(key);
		}
		catch (LeaseStoreException ex) {
			tell(key, "an acquisition", (listener) -> listener.acquisitionFinished(key, AcquisitionOutcome.FAILED));
			throw ex;
		}
		AcquisitionOutcome outcome = (answer instanceof Acquisition.Granted) ? AcquisitionOutcome.GRANTED
				: AcquisitionOutcome.REFUSED;
		tell(key, "an acquisition", (listener) -> listener.acquisitionFinished(key, outcome));
		return answer;
	}

	private Acquisition acquireInTable(InstanceKey key) {
		this.roundLock.readLock().lock();
		try {
			// Before the statement is sent, not once answered: see the class comment.
			long sent = this.nanoTime.getAsLong();
			Acquisition answer = this.table.acquire(key, this.node.id(), this.node.url(), this.ttl);
			if (answer instanceof Acquisition.Granted granted) {
				synchronized (this) {
					this.held.put(key, new Held(granted.epoch(), sent + this.validityNanos));
				}
			}
			return answer;
		}
		finally {
			this.roundLock.readLock().unlock();
		}
	}

	private static Acquisition join(CompletableFuture<Acquisition> running) {
		try {
			return running.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/** Whether this node may still acknowledge writes for {@code key} now. */
	public boolean isValid(InstanceKey key) {
		Held current = this.held.get(key);
		return current != null && valid(current);
	}

	/** The epoch this node holds {@code key} under, while {@link #isValid valid}. */
	public OptionalLong epoch(InstanceKey key) {
		Held current = this.held.get(key);
		return (current != null && valid(current)) ? OptionalLong.of(current.epoch()) : OptionalLong.empty();
	}

	/**
	 * Gives up the lease on {@code key}: this node stops acting on it at once, and the
	 * lease table frees it for the next node (with a higher epoch). When the lease store
	 * fails, the lease runs out at its TTL instead (logged).
	 */
	public void release(InstanceKey key) {
		Held released;
		synchronized (this) {
			released = this.held.remove(key);
		}
		if (released != null) {
			this.roundLock.readLock().lock();
			try {
				releaseInTable(key, released.epoch());
			}
			finally {
				this.roundLock.readLock().unlock();
			}
		}
	}

	/**
	 * Gives up every lease (graceful shutdown): this node stops acting on them at once, and
	 * the lease table frees all that this node holds there.
	 */
	void releaseAll() {
		this.roundLock.writeLock().lock();
		try {
			synchronized (this) {
				this.held.clear();
			}
			int released = this.table.releaseAll(this.node.id());
			logger.info("Released {} leases of node {}", released, this.node.id());
		}
		catch (LeaseStoreException ex) {
			logger.warn("Could not release the leases of node {}; they expire within {}", this.node.id(), this.ttl,
					ex);
		}
		finally {
			this.roundLock.writeLock().unlock();
		}
	}

	/**
	 * Whether renewals keep this node's leases valid: the last round succeeded, and was sent
	 * less than the TTL minus the safety margin ago (a round that hangs turns this false
	 * when the leases it would renew run out). True before the first round.
	 */
	public boolean healthy() {
		return !this.lastRoundFailed && this.nanoTime.getAsLong() - this.lastSuccessSent < this.validityNanos;
	}

	/** When the last successful renewal round was sent, by the wall clock; empty before the first. */
	public Optional<Instant> lastRenewal() {
		return Optional.ofNullable(this.lastRenewal);
	}

	/** How many leases this node holds and may act on now ({@link #isValid valid} ones). */
	public int held() {
		int valid = 0;
		for (Held lease : this.held.values()) {
			if (valid(lease)) {
				valid++;
			}
		}
		return valid;
	}

	/**
	 * One renewal round, one statement for all the leases of this node: each lease the
	 * database renewed gets a new deadline counted from when the statement was sent; one it
	 * did not renew (expired, or taken by another node) is lost. A lease whose deadline
	 * passed before the round is lost without asking: it was not renewed in time, and the
	 * node stopped acting on it. When the statement fails, no deadline moves. Called by the
	 * renewal thread only.
	 */
	void renew() {
		List<Lost> lost = new ArrayList<>();
		List<Lease> strays = new ArrayList<>();
		boolean answered = false;
		this.roundLock.writeLock().lock();
		try {
			lost.addAll(overdue());
			Instant wallClock = this.clock.instant();
			// Before the statement is sent, not once answered: see the class comment.
			long sent = this.nanoTime.getAsLong();
			List<Lease> renewed;
			try {
				renewed = this.table.renewAll(this.node.id(), this.ttl);
			}
			catch (LeaseStoreException ex) {
				if (!this.lastRoundFailed) {
					logger.warn("Lease renewal of node {} failed; its leases run out at their deadlines unless a "
							+ "renewal succeeds", this.node.id(), ex);
				}
				this.lastRoundFailed = true;
				return;
			}
			if (this.lastRoundFailed) {
				logger.info("Lease renewal of node {} succeeded again", this.node.id());
			}
			this.lastRoundFailed = false;
			this.lastSuccessSent = sent;
			this.lastRenewal = wallClock;
			answered = true;
			settle(renewed, sent, lost, strays);
		}
		finally {
			this.roundLock.writeLock().unlock();
			boolean success = answered;
			tell(null, "a renewal round", (listener) -> listener.renewalFinished(success));
			lost(lost);
		}
		// Leases the table says this node holds and the node does not act on (it dropped
		// them when they ran out locally, or it is a restart with the same node id): the
		// round just renewed them, so free them, or no other node could ever take them. An
		// acquisition of one meanwhile has a higher epoch, which the release leaves alone.
		for (Lease stray : strays) {
			releaseInTable(stray.key(), stray.epoch());
		}
	}

	/**
	 * Applies a round's answer: new deadlines for the leases renewed, the others lost; the
	 * leases renewed that this node does not hold go to {@code strays}.
	 */
	private synchronized void settle(List<Lease> renewed, long sent, List<Lost> lost, List<Lease> strays) {
		Map<InstanceKey, Lease> byKey = new HashMap<>();
		renewed.forEach((lease) -> byKey.put(lease.key(), lease));
		for (Iterator<Map.Entry<InstanceKey, Held>> entries = this.held.entrySet().iterator(); entries.hasNext();) {
			Map.Entry<InstanceKey, Held> entry = entries.next();
			Held current = entry.getValue();
			Lease lease = byKey.get(entry.getKey());
			if (lease != null && lease.epoch() == current.epoch()) {
				entry.setValue(new Held(current.epoch(), sent + this.validityNanos));
			}
			else {
				if (lease != null) {
					logger.atError()
						.addKeyValue("database", entry.getKey().database())
						.addKeyValue("instance", entry.getKey().instance())
						.log("The lease on '{}' is held by node id {} under epoch {}, not {}: another process runs "
								+ "with the same durable-db.cluster.node-id", entry.getKey(), this.node.id(),
								lease.epoch(), current.epoch());
				}
				entries.remove();
				lost.add(new Lost(entry.getKey(), current.epoch()));
			}
		}
		for (Lease lease : renewed) {
			Held current = this.held.get(lease.key());
			if (current == null || current.epoch() != lease.epoch()) {
				strays.add(lease);
			}
		}
	}

	/** Removes the leases whose deadline passed. */
	private synchronized List<Lost> overdue() {
		List<Lost> overdue = new ArrayList<>();
		for (Iterator<Map.Entry<InstanceKey, Held>> entries = this.held.entrySet().iterator(); entries.hasNext();) {
			Map.Entry<InstanceKey, Held> entry = entries.next();
			if (!valid(entry.getValue())) {
				entries.remove();
				overdue.add(new Lost(entry.getKey(), entry.getValue().epoch()));
			}
		}
		return overdue;
	}

	private void releaseInTable(InstanceKey key, long epoch) {
		try {
			this.table.release(key, this.node.id(), epoch);
		}
		catch (LeaseStoreException ex) {
			logger.atWarn()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.setCause(ex)
				.log("Could not release the lease on '{}' (epoch {}); it expires within {}", key, epoch, this.ttl);
		}
	}

	private boolean valid(Held lease) {
		return this.nanoTime.getAsLong() - lease.deadline() < 0;
	}

	private void lost(List<Lost> lost) {
		for (Lost lease : lost) {
			logger.atWarn()
				.addKeyValue("database", lease.key().database())
				.addKeyValue("instance", lease.key().instance())
				.log("Node {} lost the lease on '{}' (epoch {})", this.node.id(), lease.key(), lease.epoch());
			tell(lease.key(), "the loss", (listener) -> listener.leaseLost(lease.key(), lease.epoch()));
		}
	}

	/**
	 * Tells every listener of an event: {@code what} happened (to the lease on {@code key},
	 * or to all of them); a listener that throws is logged.
	 */
	private void tell(@Nullable InstanceKey key, String what, Consumer<LeaseListener> event) {
		for (LeaseListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				if (key != null) {
					logger.atError()
						.addKeyValue("database", key.database())
						.addKeyValue("instance", key.instance())
						.setCause(ex)
						.log("Lease listener {} failed on {} of '{}'", listener, what, key);
				}
				else {
					logger.error("Lease listener {} failed on {}", listener, what, ex);
				}
			}
		}
	}

	/**
	 * A lease this node holds.
	 *
	 * @param epoch its epoch
	 * @param deadline until when this node may act on it (nanoTime): when the statement
	 * that acquired or last renewed it was sent, plus the TTL minus the safety margin
	 */
	private record Held(long epoch, long deadline) {
	}

	private record Lost(InstanceKey key, long epoch) {
	}

}
