package dev.durabledb.instance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.durabledb.DurableDbException;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.sqlite.PreparedConnection;
import dev.durabledb.sqlite.SqliteConnections;
import org.jspecify.annotations.Nullable;

/**
 * Opens, caches and closes instances.
 * <p>
 * At most one {@link Instance} per key is open at any time. Open instances live in a
 * Caffeine cache bounded by {@code max-open} and an idle timeout. An evicted instance
 * that is still in use is <em>retired</em>: it closes when its last user releases it, or
 * goes back into the cache if it is asked for before. So no more than {@code max-open}
 * instances are open beyond those in use (plus, briefly, at most
 * {@value InstanceCloser#BACKLOG} that the closer is closing), and none is ever closed
 * under an action.
 * <p>
 * Opening happens outside the cache's locks on the first caller's thread; later callers
 * for the same key wait for it, up to the lock timeout. An {@link #exclusive exclusive}
 * operation closes the instance and keeps it closed while it runs.
 * <p>
 * Actions reach instances through {@link InstanceTransactions}; every package-private
 * {@link #acquire} is paired with a {@link #release}.
 */
public final class InstanceRegistry implements AutoCloseable {

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final SqliteConnections connections;

	private final InstanceProvisioner provisioner;

	private final RegistrySettings settings;

	private final Cache<InstanceKey, Instance> cache;

	private final ConcurrentHashMap<InstanceKey, CompletableFuture<@Nullable Instance>> loading = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<InstanceKey, Instance> retiring = new ConcurrentHashMap<>();

	private final ExclusiveGates exclusive = new ExclusiveGates();

	private final InstanceCensus census = new InstanceCensus();

	private final InstanceCloser closer = new InstanceCloser();

	private final DataDirLock ownership;

	private final InstanceObserver observer;

	/**
	 * Takes the data dir for this process ({@link DataDirLock}) until {@link #close()}, and
	 * recovers what a stopped process left half-done ({@link StartupRecovery}) before any
	 * instance can be opened.
	 */
	InstanceRegistry(DatabaseCatalog catalog, InstanceFiles files, SqliteConnections connections,
			InstanceProvisioner provisioner, FileSwapJournal swaps, InstanceObserver observer, RegistrySettings settings) {
		this.ownership = DataDirLock.acquire(files.dataDir(), settings.dataDirWait());
		try {
			new StartupRecovery(catalog, files, connections, swaps).run();
		}
		catch (RuntimeException ex) {
			this.ownership.close();
			throw ex;
		}
		this.catalog = catalog;
		this.files = files;
		this.connections = connections;
		this.provisioner = provisioner;
		this.observer = observer;
		this.settings = settings;
		this.cache = Caffeine.newBuilder()
			.maximumSize(settings.maxOpen())
			.expireAfterAccess(settings.idleTimeout())
			// Evict on the caller's thread, so that the bound holds when acquire returns.
			.executor(Runnable::run)
			.scheduler(Scheduler.systemScheduler())
			.<InstanceKey, Instance>evictionListener(this::evicted)
			.build();
	}

	/**
	 * Opens the instance for {@code key} if it is not open (creating it if allowed, and
	 * migrating it), so that the next action finds it ready.
	 * @throws InstanceNotFoundException if the instance does not exist and may not be
	 * created here
	 * @throws InstanceBusyException if it could not be had within the lock timeout
	 */
	public void ensureOpen(InstanceKey key) {
		release(acquire(key, true));
	}

	/**
	 * Returns the open instance for {@code key}, opening (and if allowed creating) it
	 * first, and counts the caller as a user until {@link #release}. {@code forWrite}
	 * tells which connection to open first when the instance has to be opened, so that its
	 * first action opens one.
	 */
	Instance acquire(InstanceKey key, boolean forWrite) {
		return acquire(key, forWrite, true);
	}

	/**
	 * {@link #acquire(InstanceKey, boolean)}; {@code mayCreate} false never creates the
	 * instance, whatever {@code auto-create} says.
	 */
	private Instance acquire(InstanceKey key, boolean forWrite, boolean mayCreate) {
		Deadline deadline = Deadline.after(key, this.settings.lockTimeout());
		while (true) {
			this.exclusive.awaitOpen(key, deadline);
			Instance cached = this.cache.getIfPresent(key);
			if (cached != null && retain(cached, cached.retain())) {
				return cached;
			}
			CompletableFuture<@Nullable Instance> mine = new CompletableFuture<>();
			CompletableFuture<@Nullable Instance> other = this.loading.putIfAbsent(key, mine);
			if (other == null) {
				Instance loaded = load(key, mine, forWrite, mayCreate);
				this.closer.closeQueued();
				if (loaded != null) {
					return loaded;
				}
			}
			else {
				Instance instance = deadline.get(other);
				if (instance != null && retain(instance, instance.retain())) {
					return instance;
				}
			}
			if (deadline.passed()) {
				throw deadline.busy();
			}
		}
	}

	/** Stops counting the caller as a user of an instance it acquired. */
	void release(Instance instance) {
		if (this.cache.estimatedSize() > this.settings.maxOpen()) {
			// Bring the cache within bounds before this instance counts as idle.
			this.cache.cleanUp();
		}
		int left = instance.release();
		if (left < 0) {
			// Closed before it counts as idle, so that it never counts as both.
			queueClose(instance);
		}
		if (left <= 0) {
			this.census.idle();
		}
		this.closer.closeQueued();
	}

	Duration lockTimeout() {
		return this.settings.lockTimeout();
	}

	/**
	 * Closes the instance for {@code key}, waiting for the actions using it to finish, and
	 * runs {@code work} while it stays closed; actions that arrive meanwhile wait.
	 * @throws InstanceBusyException if the instance was not free within the lock timeout
	 */
	public <T> T exclusive(InstanceKey key, Callable<T> work) throws Exception {
		Deadline deadline = Deadline.after(key, this.settings.lockTimeout());
		CompletableFuture<Void> gate = this.exclusive.close(key, deadline);
		try {
			CompletableFuture<@Nullable Instance> inFlight = this.loading.get(key);
			if (inFlight != null) {
				awaitLoaded(inFlight, deadline);
			}
			closeAndWait(this.cache.asMap().remove(key), deadline);
			closeAndWait(this.retiring.remove(key), deadline);
			return work.call();
		}
		finally {
			try {
				this.observer.afterExclusive(key);
			}
			finally {
				this.exclusive.open(key, gate);
			}
		}
	}

	/**
	 * Runs {@code work} while no write action runs on {@code key}: under its writer lock if
	 * the instance is open, at once otherwise (no write can be under way then).
	 * @throws InstanceBusyException if the writer lock did not come free in time
	 */
	public void whileNoWriter(InstanceKey key, Runnable work) {
		Instance instance = this.cache.getIfPresent(key);
		if (instance == null) {
			// Expired for the cache yet perhaps in use: maintenance moves it to the retiring ones.
			this.cache.cleanUp();
			instance = this.retiring.get(key);
		}
		if (instance == null || !retain(instance, instance.retain())) {
			work.run();
			return;
		}
		Deadline deadline = Deadline.after(key, this.settings.lockTimeout());
		try {
			if (!instance.lockWrites(deadline.remainingNanos())) {
				throw deadline.busy();
			}
			try {
				work.run();
			}
			finally {
				instance.unlockWriter();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw deadline.busy();
		}
		finally {
			release(instance);
		}
	}

	/**
	 * Runs {@code work} holding the writer lock of the instance for {@code key}, opening
	 * the instance if it is closed (never creating it): no write runs meanwhile and the
	 * instance stays open (and its write-ahead log with it) until {@code work} returns.
	 * @throws InstanceNotFoundException if the instance does not exist
	 * @throws InstanceBusyException if the instance or its writer lock did not come free
	 * within the lock timeout
	 */
	public <T> T withWriterLock(InstanceKey key, Callable<T> work) throws Exception {
		Instance instance = acquire(key, false, false);
		try {
			Deadline deadline = Deadline.after(key, this.settings.lockTimeout());
			try {
				if (!instance.lockWrites(deadline.remainingNanos())) {
					throw deadline.busy();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw deadline.busy();
			}
			try {
				return work.call();
			}
			finally {
				instance.unlockWriter();
			}
		}
		finally {
			release(instance);
		}
	}

	/** Whether the instance is open in this process right now. */
	public boolean isOpen(InstanceKey key) {
		return this.cache.asMap().containsKey(key) || this.retiring.containsKey(key);
	}

	/** The keys of the instances open right now. */
	public Set<InstanceKey> openKeys() {
		Set<InstanceKey> keys = new HashSet<>(this.retiring.keySet());
		keys.addAll(this.cache.asMap().keySet());
		return keys;
	}

	/** How many instances are open. */
	public int openInstances() {
		return this.census.open();
	}

	/** How many open instances an action or operation uses right now. */
	public int instancesInUse() {
		return this.census.inUse();
	}

	/** How many times an instance was opened since the registry started. */
	public long opens() {
		return this.census.opens();
	}

	/** The most instances that were ever open while no action used them. */
	public int peakIdleInstances() {
		return this.census.peakIdle();
	}

	/**
	 * Closes every idle instance now and the others when their actions end, then gives the
	 * data dir up.
	 */
	@Override
	public void close() {
		this.cache.asMap().forEach((key, instance) -> {
			if (instance.retire()) {
				queueClose(instance);
			}
		});
		this.cache.invalidateAll();
		this.closer.shutdown();
		this.ownership.close();
	}

	/**
	 * Loads the instance as the only loader of {@code key}; {@code null} if an exclusive
	 * operation started meanwhile or the instance turned out to be closing.
	 */
	private @Nullable Instance load(InstanceKey key, CompletableFuture<@Nullable Instance> mine, boolean forWrite,
			boolean mayCreate) {
		Instance instance = null;
		try {
			if (!this.exclusive.isClosed(key)) {
				instance = loadRetained(key, forWrite, mayCreate);
			}
			return instance;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loading.remove(key, mine);
			mine.complete(instance);
		}
	}

	private @Nullable Instance loadRetained(InstanceKey key, boolean forWrite, boolean mayCreate) {
		Instance cached = this.cache.getIfPresent(key);
		if (cached != null) {
			// Another loader finished between our look in the cache and our turn to load.
			return retain(cached, cached.retain()) ? cached : null;
		}
		// An instance in use past its idle timeout is expired for the cache but still open:
		// maintenance moves it to the retiring ones, where it is found and revived, so that
		// a tenant never gets a second instance. Maintenance may be under way on another
		// thread; cleanUp() waits for it.
		this.cache.cleanUp();
		Instance retired = this.retiring.remove(key);
		if (retired != null && retain(retired, retired.reviveAndRetain())) {
			this.cache.put(key, retired);
			return retired;
		}
		Instance opened = openFile(key, forWrite, mayCreate);
		retain(opened, opened.retain());
		this.census.opened();
		this.cache.put(key, opened);
		return opened;
	}

	/**
	 * Opens an instance with one connection, the writer or a reader: the fingerprint check
	 * runs on it and the first action uses it.
	 */
	private Instance openFile(InstanceKey key, boolean forWrite, boolean mayCreate) {
		Path file = this.files.file(key);
		boolean created = false;
		if (!Files.isRegularFile(file)) {
			if (!mayCreate || !mayCreate(key)) {
				throw new InstanceNotFoundException(key);
			}
			this.provisioner.create(key, file);
			created = true;
		}
		Connection connection = null;
		try {
			connection = openConnection(file, forWrite);
			if (!this.provisioner.isCurrent(key, connection)) {
				// Replayed on this connection when it can be (a reader may write meanwhile): no
				// reopening, no second close.
				this.connections.queryOnly(connection, false);
				boolean migrated = this.provisioner.migrateOpen(key, file, connection);
				this.connections.queryOnly(connection, !forWrite);
				if (!migrated) {
					connection.close();
					connection = null;
					this.provisioner.migrate(key, file, false);
					connection = openConnection(file, forWrite);
				}
			}
			this.observer.afterOpen(key, file, created);
			PreparedConnection prepared = PreparedConnection.of(connection);
			return new Instance(key, file, this.connections, this.observer, forWrite ? prepared : null,
					new ReaderPool(file, this.connections, this.settings.readers(), forWrite ? null : prepared));
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new DurableDbException("Could not open instance '" + key + "'", ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(connection);
			throw ex;
		}
	}

	private Connection openConnection(Path file, boolean forWrite) throws SQLException {
		return forWrite ? this.connections.open(file) : this.connections.openReader(file);
	}

	private boolean mayCreate(InstanceKey key) {
		return !this.catalog.get(key.database()).isPerTenant() || this.settings.autoCreate();
	}

	private boolean retain(Instance instance, int users) {
		if (users == 1) {
			this.census.busy();
		}
		return users > 0;
	}

	/** Runs under the cache's lock: bookkeeping only, the closing comes after. */
	private void evicted(@Nullable InstanceKey key, @Nullable Instance instance, RemovalCause cause) {
		if (key != null && instance != null && cause.wasEvicted()) {
			this.retiring.put(key, instance);
			if (instance.retire()) {
				queueClose(instance);
				this.closer.closeQueuedSoon();
			}
		}
	}

	/**
	 * The instance can no longer be revived or handed out: it no longer counts as open,
	 * and its connections close as soon as the current thread is out of the cache.
	 */
	private void queueClose(Instance instance) {
		this.retiring.remove(instance.key(), instance);
		this.census.closed();
		this.closer.queue(instance);
	}

	private void closeAndWait(@Nullable Instance instance, Deadline deadline) {
		if (instance == null) {
			return;
		}
		if (instance.retire()) {
			queueClose(instance);
		}
		this.closer.closeQueued();
		deadline.await(instance.closedFuture());
	}

	/** Waits for a load under way; a load that failed is no reason for the operation to fail. */
	private void awaitLoaded(CompletableFuture<@Nullable Instance> future, Deadline deadline) {
		try {
			deadline.get(future);
		}
		catch (InstanceBusyException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// Nothing was opened; the operation can go ahead.
		}
	}

	private static void closeQuietly(@Nullable Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// Already failing; the first error is the one to report.
			}
		}
	}

	/**
	 * How the registry behaves.
	 *
	 * @param maxOpen idle instances kept open at most
	 * @param idleTimeout how long an unused instance stays open
	 * @param readers reader connections per instance at most
	 * @param lockTimeout how long a caller waits for an instance
	 * @param autoCreate whether a missing per-tenant instance is created on first use
	 * @param dataDirWait how long to wait for another process to give the data dir up
	 */
	record RegistrySettings(int maxOpen, Duration idleTimeout, int readers, Duration lockTimeout,
			boolean autoCreate, Duration dataDirWait) {
	}

}
