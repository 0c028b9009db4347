package dev.durabledb.instance;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

import dev.durabledb.DurableDbException;
import dev.durabledb.sqlite.PreparedConnection;

/**
 * The one way code runs inside an instance: {@link #run} opens the instance (or finds it
 * open), takes its writer lock or a reader within the lock timeout, begins a transaction
 * ({@code BEGIN IMMEDIATE} for writes), runs the work, commits when it returns or rolls
 * back when it throws, gives the connection back and releases the instance, in that
 * order, whatever happens.
 * <p>
 * Write transactions are serialised per instance by a fair lock (single writer); read
 * transactions run on reader connections, on a WAL snapshot, without waiting for writers.
 */
public final class InstanceTransactions {

	private final InstanceRegistry registry;

	private final CommitListener commits;

	private final long lockTimeoutNanos;

	private final StorageFailureLog storageFull;

	private final StorageFailureLog storageErrors;

	InstanceTransactions(InstanceRegistry registry, CommitListener commits, Path dataDir) {
		this.registry = registry;
		this.commits = commits;
		this.lockTimeoutNanos = registry.lockTimeout().toNanos();
		this.storageFull = new StorageFailureLog(dataDir, "is full");
		this.storageErrors = new StorageFailureLog(dataDir, "answers I/O errors");
	}

	/**
	 * Runs {@code work} in one transaction of instance {@code key}.
	 * @throws InstanceNotFoundException if the instance does not exist and may not be
	 * created here
	 * @throws InstanceBusyException if the instance, its writer or a reader could not be
	 * had within the lock timeout
	 * @throws StorageFullException if the file system is full; rolled back, and writes
	 * succeed again once there is space
	 * @throws StorageUnavailableException if the storage answers I/O errors; rolled back
	 */
	public <T> T run(InstanceKey key, boolean readOnly, TransactionWork<T> work) throws Throwable {
		try {
			Instance instance = this.registry.acquire(key, !readOnly);
			try {
				return readOnly ? read(instance, key, work) : write(instance, key, work);
			}
			finally {
				this.registry.release(instance);
			}
		}
		catch (StorageFullException | StorageUnavailableException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			if (StorageFullException.isStorageFull(ex)) {
				this.storageFull.failed(key, ex);
				throw new StorageFullException(key, ex);
			}
			if (StorageUnavailableException.isStorageError(ex)) {
				this.storageErrors.failed(key, ex);
				throw new StorageUnavailableException(key, ex);
			}
			throw ex;
		}
	}

	private <T> T write(Instance instance, InstanceKey key, TransactionWork<T> work) throws Throwable {
		PreparedConnection writer = waitFor(key, instance::lockWriter);
		T result;
		try {
			writer.beginImmediate();
			result = runOrRollBack(writer, work);
			try {
				this.commits.beforeCommit(key, writer.connection());
				writer.commit();
			}
			catch (SQLException ex) {
				rollback(writer, ex);
				throw new DurableDbException("Could not commit the action on '" + key + "'", ex);
			}
			this.commits.afterCommit(key);
		}
		finally {
			instance.unlockWriter();
		}
		// Outside the writer lock, so that the next writers commit while this one waits.
		this.commits.acknowledge(key);
		return result;
	}

	private <T> T read(Instance instance, InstanceKey key, TransactionWork<T> work) throws Throwable {
		PreparedConnection reader = waitFor(key, instance::takeReader);
		boolean broken = true;
		try {
			reader.beginDeferred();
			T result = runOrRollBack(reader, work);
			reader.commit();
			broken = false;
			return result;
		}
		finally {
			instance.giveBackReader(reader, broken);
		}
	}

	private static <T> T runOrRollBack(PreparedConnection connection, TransactionWork<T> work) throws Throwable {
		try {
			return work.run(connection);
		}
		catch (Throwable ex) {
			rollback(connection, ex);
			throw ex;
		}
	}

	/** Waits up to the lock timeout for a connection; busy if none came, or if interrupted. */
	private PreparedConnection waitFor(InstanceKey key, ConnectionWait wait) throws SQLException {
		try {
			PreparedConnection connection = wait.within(this.lockTimeoutNanos);
			if (connection != null) {
				return connection;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new InstanceBusyException(key, Duration.ofNanos(this.lockTimeoutNanos));
	}

	private static void rollback(PreparedConnection connection, Throwable cause) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			cause.addSuppressed(ex);
		}
	}

	@FunctionalInterface
	private interface ConnectionWait {

		PreparedConnection within(long timeoutNanos) throws InterruptedException, SQLException;

	}

}
