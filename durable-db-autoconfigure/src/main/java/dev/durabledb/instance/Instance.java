package dev.durabledb.instance;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.durabledb.sqlite.PreparedConnection;
import dev.durabledb.sqlite.SqliteConnections;

/**
 * One open SQLite file: a single writer connection guarded by a fair lock, and a small
 * pool of reader connections, each opened when first needed.
 * <p>
 * Lifecycle: the {@link InstanceRegistry} hands an instance out with {@link #retain()}
 * and takes it back with {@link #release()}. When the registry evicts it, it is
 * <em>retired</em>: it closes as soon as nobody uses it, or comes back into service if
 * someone asks for it first ({@link #reviveAndRetain()}). An instance is never closed while an
 * action uses it.
 */
final class Instance {

	private final InstanceKey key;

	private final Path file;

	private final SqliteConnections connections;

	private final InstanceObserver observer;

	/** Opened by the first write; guarded by {@link #writeLock}, read on close. */
	private volatile PreparedConnection writer;

	private final ReentrantLock writeLock = new ReentrantLock(true);

	private final ReaderPool readers;

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private int users;

	private boolean retired;

	private boolean closing;

	/**
	 * @param writer the writer connection, or {@code null} to open it on the first write
	 */
	Instance(InstanceKey key, Path file, SqliteConnections connections, InstanceObserver observer,
			PreparedConnection writer, ReaderPool readers) {
		this.key = key;
		this.file = file;
		this.connections = connections;
		this.observer = observer;
		this.writer = writer;
		this.readers = readers;
	}

	InstanceKey key() {
		return this.key;
	}

	Path file() {
		return this.file;
	}

	/**
	 * Takes the writer lock, waiting up to {@code timeoutNanos}, and returns the writer
	 * connection; {@code null} if the lock did not come free in time. The caller must
	 * call {@link #unlockWriter()}.
	 */
	PreparedConnection lockWriter(long timeoutNanos) throws InterruptedException, SQLException {
		if (!lockWrites(timeoutNanos)) {
			return null;
		}
		if (this.writer == null) {
			try {
				this.writer = PreparedConnection.of(this.connections.open(this.file));
			}
			catch (SQLException | RuntimeException ex) {
				this.writeLock.unlock();
				throw ex;
			}
		}
		return this.writer;
	}

	/**
	 * Takes the writer lock without opening the writer, so that no write runs meanwhile;
	 * {@code false} if it did not come free in time. The caller must call
	 * {@link #unlockWriter()}.
	 */
	boolean lockWrites(long timeoutNanos) throws InterruptedException {
		return this.writeLock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS);
	}

	void unlockWriter() {
		this.writeLock.unlock();
	}

	/**
	 * Takes a reader connection, waiting up to {@code timeoutNanos}; {@code null} if none
	 * came free in time. The caller must give it back with {@link #giveBackReader}.
	 */
	PreparedConnection takeReader(long timeoutNanos) throws SQLException, InterruptedException {
		return this.readers.take(timeoutNanos);
	}

	void giveBackReader(PreparedConnection reader, boolean broken) {
		this.readers.giveBack(reader, broken);
	}

	/**
	 * Counts one more user.
	 * @return how many users the instance has now; 0 if it is already closed
	 */
	synchronized int retain() {
		if (this.closing) {
			return 0;
		}
		return ++this.users;
	}

	/**
	 * Counts one user less.
	 * @return how many users are left; negative ({@code -1}) when that was the last user
	 * of a retired instance, which the caller must now {@link #close()}
	 */
	synchronized int release() {
		int left = --this.users;
		if (left == 0 && this.retired && !this.closing) {
			this.closing = true;
			return -1;
		}
		return left;
	}

	/** Whether an action (or an operation) uses the instance right now. */
	synchronized boolean inUse() {
		return this.users > 0;
	}

	/**
	 * Marks the instance for closing.
	 * @return {@code true} if nobody uses it, so the caller must now {@link #close()} it;
	 * otherwise its last user's release says so
	 */
	synchronized boolean retire() {
		this.retired = true;
		if (this.users == 0 && !this.closing) {
			this.closing = true;
			return true;
		}
		return false;
	}

	/**
	 * Brings a retired instance back into service and counts one more user.
	 * @return how many users the instance has now; 0 if it already closed
	 */
	synchronized int reviveAndRetain() {
		if (this.closing) {
			return 0;
		}
		this.retired = false;
		return ++this.users;
	}

	/** Completes once the instance's connections are closed. */
	CompletableFuture<Void> closedFuture() {
		return this.closed;
	}

	/**
	 * Closes the connections; called once, by whoever {@link #retire()} or
	 * {@link #release()} told to, outside any cache lock (a close checkpoints and syncs).
	 */
	void close() {
		try {
			this.observer.beforeClose(this.key, this.file);
			this.readers.close();
			PreparedConnection writer = this.writer;
			if (writer != null) {
				// The last connection to a file folds the write-ahead log into it as it closes;
				// one opened since (the instance reopened) keeps it instead.
				writer.close();
			}
		}
		catch (SQLException ex) {
			// The connection is unusable either way; nothing else to release.
		}
		finally {
			this.observer.afterClose(this.key, this.file);
			this.closed.complete(null);
		}
	}

}
