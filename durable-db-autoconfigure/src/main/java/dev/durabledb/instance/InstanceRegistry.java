package dev.durabledb.instance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.durabledb.DurableDbException;
import dev.durabledb.database.DatabaseCatalog;

/**
 * Opens, caches and closes instances.
 * <p>
 * At most one {@link Instance} per key is open at any time. Open instances live in a
 * Caffeine cache bounded by {@code max-open} and an idle timeout. An evicted instance
 * that is still in use is <em>retired</em>: it closes when its last user releases it, or
 * goes back into the cache if it is asked for before. So no more than {@code max-open}
 * instances are open beyond those in use (plus, briefly, at most {@value #CLOSER_BACKLOG}
 * that the closer is closing), and none is ever closed under an action.
 * <p>
 * Opening happens outside the cache's locks on the first caller's thread; later callers
 * for the same key wait for it, up to the lock timeout. An {@link #exclusive exclusive}
 * operation (delete, restore, an operator's migration) closes the instance and keeps it
 * closed while it runs; actions that arrive meanwhile wait for it.
 * <p>
 * Every {@link #acquire} must be paired with a {@link #release}.
 */
public final class InstanceRegistry implements AutoCloseable {

	/** How many instances may wait for the closer at most. */
	static final int CLOSER_BACKLOG = 64;

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final SqliteConnections connections;

	private final InstanceProvisioner provisioner;

	private final RegistrySettings settings;

	private final Cache<InstanceKey, Instance> cache;

	private final ConcurrentHashMap<InstanceKey, CompletableFuture<Instance>> loading = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<InstanceKey, Instance> retiring = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<InstanceKey, CompletableFuture<Void>> exclusive = new ConcurrentHashMap<>();

	private final InstanceCensus census = new InstanceCensus();

	/** Instances to close, queued under the cache's lock and handed to the closer after it. */
	private final ConcurrentLinkedQueue<Instance> toClose = new ConcurrentLinkedQueue<>();

	/**
	 * Closes evicted instances off the actions' threads: a close checkpoints the write-ahead
	 * log and syncs the file, which takes milliseconds. Its queue is short; when it is full
	 * the evicting thread closes the instance itself, so files never pile up open.
	 */
	private final ThreadPoolExecutor closer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new ArrayBlockingQueue<>(CLOSER_BACKLOG), (runnable) -> {
				Thread thread = new Thread(runnable, "durable-db-closer");
				thread.setDaemon(true);
				return thread;
			}, new ThreadPoolExecutor.CallerRunsPolicy());

	public InstanceRegistry(DatabaseCatalog catalog, InstanceFiles files, SqliteConnections connections,
			InstanceProvisioner provisioner, RegistrySettings settings) {
		this.catalog = catalog;
		this.files = files;
		this.connections = connections;
		this.provisioner = provisioner;
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
	 * Returns the open instance for {@code key}, opening (and if allowed creating) it
	 * first, and counts the caller as a user until {@link #release}.
	 * @throws InstanceNotFoundException if the instance does not exist and may not be
	 * created here
	 * @throws InstanceBusyException if it could not be had within the lock timeout
	 */
	public Instance acquire(InstanceKey key) {
		return acquire(key, true);
	}

	/**
	 * Like {@link #acquire(InstanceKey)}; {@code forWrite} tells which connection to open
	 * first when the instance has to be opened, so that its first action opens one.
	 */
	public Instance acquire(InstanceKey key, boolean forWrite) {
		long deadline = System.nanoTime() + this.settings.lockTimeout().toNanos();
		while (true) {
			awaitExclusive(key, deadline);
			Instance cached = this.cache.getIfPresent(key);
			if (cached != null && retain(cached, cached.retain())) {
				return cached;
			}
			CompletableFuture<Instance> mine = new CompletableFuture<>();
			CompletableFuture<Instance> other = this.loading.putIfAbsent(key, mine);
			if (other == null) {
				Instance loaded = load(key, mine, forWrite);
				closeQueued();
				if (loaded != null) {
					return loaded;
				}
			}
			else {
				Instance instance = await(key, other, deadline);
				if (instance != null && retain(instance, instance.retain())) {
					return instance;
				}
			}
			if (System.nanoTime() - deadline > 0) {
				throw busy(key);
			}
		}
	}

	/** Stops counting the caller as a user of an instance it acquired. */
	public void release(Instance instance) {
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
		closeQueued();
	}

	/**
	 * Closes the instance for {@code key}, waiting for the actions using it to finish, and
	 * runs {@code work} while it stays closed; actions that arrive meanwhile wait.
	 * @throws InstanceBusyException if the instance was not free within the lock timeout
	 */
	public <T> T exclusive(InstanceKey key, Callable<T> work) throws Exception {
		long deadline = System.nanoTime() + this.settings.lockTimeout().toNanos();
		CompletableFuture<Void> gate = new CompletableFuture<>();
		CompletableFuture<Void> other;
		while ((other = this.exclusive.putIfAbsent(key, gate)) != null) {
			awaitQuietly(key, other, deadline);
		}
		try {
			CompletableFuture<Instance> inFlight = this.loading.get(key);
			if (inFlight != null) {
				awaitLoaded(key, inFlight, deadline);
			}
			closeAndWait(key, this.cache.asMap().remove(key), deadline);
			closeAndWait(key, this.retiring.remove(key), deadline);
			return work.call();
		}
		finally {
			this.exclusive.remove(key, gate);
			gate.complete(null);
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
		try {
			if (!instance.lockWrites(this.settings.lockTimeout().toNanos())) {
				throw busy(key);
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
			throw busy(key);
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
	public java.util.Set<InstanceKey> openKeys() {
		java.util.Set<InstanceKey> keys = new java.util.HashSet<>(this.retiring.keySet());
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

	/** Closes every idle instance now and the others when their actions end. */
	@Override
	public void close() {
		this.cache.asMap().forEach((key, instance) -> {
			if (instance.retire()) {
				queueClose(instance);
			}
		});
		this.cache.invalidateAll();
		closeQueued();
		this.closer.shutdown();
		try {
			if (!this.closer.awaitTermination(1, TimeUnit.MINUTES)) {
				this.closer.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Loads the instance as the only loader of {@code key}; {@code null} if an exclusive
	 * operation started meanwhile or the instance turned out to be closing.
	 */
	private Instance load(InstanceKey key, CompletableFuture<Instance> mine, boolean forWrite) {
		Instance instance = null;
		try {
			if (!this.exclusive.containsKey(key)) {
				instance = loadRetained(key, forWrite);
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

	private Instance loadRetained(InstanceKey key, boolean forWrite) {
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
		Instance opened = open(key, forWrite);
		retain(opened, opened.retain());
		this.census.opened();
		this.cache.put(key, opened);
		return opened;
	}

	/**
	 * Opens an instance with one connection, the writer or a reader: the fingerprint check
	 * runs on it and the first action uses it.
	 */
	private Instance open(InstanceKey key, boolean forWrite) {
		Path file = this.files.file(key);
		if (!Files.isRegularFile(file)) {
			if (!mayCreate(key)) {
				throw new InstanceNotFoundException(key);
			}
			this.provisioner.create(key, file);
		}
		Connection connection = null;
		try {
			connection = openConnection(file, forWrite);
			if (!this.provisioner.isCurrent(key, connection)) {
				connection.close();
				connection = null;
				this.provisioner.migrate(key, file, false);
				connection = openConnection(file, forWrite);
			}
			PooledConnection pooled = PooledConnection.of(connection);
			return new Instance(key, file, this.connections, forWrite ? pooled : null,
					new ReaderPool(file, this.connections, this.settings.readers(), forWrite ? null : pooled));
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
	private void evicted(InstanceKey key, Instance instance, RemovalCause cause) {
		if (instance != null && cause.wasEvicted()) {
			this.retiring.put(key, instance);
			if (instance.retire()) {
				queueClose(instance);
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
		this.toClose.add(instance);
	}

	private void closeQueued() {
		Instance instance;
		while ((instance = this.toClose.poll()) != null) {
			this.closer.execute(instance::close);
		}
	}

	private void closeAndWait(InstanceKey key, Instance instance, long deadline) {
		if (instance == null) {
			return;
		}
		if (instance.retire()) {
			queueClose(instance);
		}
		closeQueued();
		awaitQuietly(key, instance.closedFuture(), deadline);
	}

	private void awaitExclusive(InstanceKey key, long deadline) {
		CompletableFuture<Void> gate = this.exclusive.get(key);
		if (gate != null) {
			awaitQuietly(key, gate, deadline);
		}
	}

	/** Waits for another caller's load; {@code null} if it gave up for an exclusive operation. */
	private Instance await(InstanceKey key, CompletableFuture<Instance> future, long deadline) {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new DurableDbException("Could not open instance '" + key + "'", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw busy(key);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw busy(key);
		}
	}

	private Instance awaitLoaded(InstanceKey key, CompletableFuture<Instance> future, long deadline) {
		try {
			return await(key, future, deadline);
		}
		catch (InstanceBusyException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private void awaitQuietly(InstanceKey key, CompletableFuture<?> future, long deadline) {
		try {
			future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			// The other operation failed; this one can go ahead.
		}
		catch (TimeoutException ex) {
			throw busy(key);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw busy(key);
		}
	}

	private InstanceBusyException busy(InstanceKey key) {
		return new InstanceBusyException(key, this.settings.lockTimeout());
	}

	private static void closeQuietly(Connection connection) {
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
	 */
	public record RegistrySettings(int maxOpen, Duration idleTimeout, int readers, Duration lockTimeout,
			boolean autoCreate) {
	}

}
