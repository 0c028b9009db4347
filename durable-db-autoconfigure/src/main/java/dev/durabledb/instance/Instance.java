package dev.durabledb.instance;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One open SQLite file: a single writer connection guarded by a fair lock, and a small
 * pool of reader connections.
 * <p>
 * Lifecycle: the {@link InstanceRegistry} hands an instance out with {@link #retain()}
 * and takes it back with {@link #release()}. When the registry evicts it, it is
 * <em>retired</em>: it closes as soon as nobody uses it, or comes back into service if
 * someone asks for it first ({@link #reviveAndRetain()}). An instance is never closed while an
 * action uses it.
 */
public final class Instance {

	private final InstanceKey key;

	private final Path file;

	private final PooledConnection writer;

	private final ReentrantLock writeLock = new ReentrantLock(true);

	private final ReaderPool readers;

	private final Consumer<Instance> onClosed;

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private int users;

	private boolean retired;

	private boolean closing;

	Instance(InstanceKey key, Path file, PooledConnection writer, ReaderPool readers, Consumer<Instance> onClosed) {
		this.key = key;
		this.file = file;
		this.writer = writer;
		this.readers = readers;
		this.onClosed = onClosed;
	}

	public InstanceKey key() {
		return this.key;
	}

	public Path file() {
		return this.file;
	}

	/**
	 * Takes the writer lock, waiting up to {@code timeoutNanos}, and returns the writer
	 * connection; {@code null} if the lock did not come free in time. The caller must
	 * call {@link #unlockWriter()}.
	 */
	public PooledConnection lockWriter(long timeoutNanos) throws InterruptedException {
		return this.writeLock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS) ? this.writer : null;
	}

	public void unlockWriter() {
		this.writeLock.unlock();
	}

	/**
	 * Takes a reader connection, waiting up to {@code timeoutNanos}; {@code null} if none
	 * came free in time. The caller must give it back with {@link #giveBackReader}.
	 */
	public PooledConnection takeReader(long timeoutNanos) throws SQLException, InterruptedException {
		return this.readers.take(timeoutNanos);
	}

	public void giveBackReader(PooledConnection reader, boolean broken) {
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
	 * Counts one user less; closes the instance if it is retired and now unused.
	 * @return how many users are left
	 */
	int release() {
		boolean close;
		int left;
		synchronized (this) {
			left = --this.users;
			close = left == 0 && this.retired && !this.closing;
			this.closing |= close;
		}
		if (close) {
			closeNow();
		}
		return left;
	}

	/** Whether an action (or an operation) uses the instance right now. */
	synchronized boolean inUse() {
		return this.users > 0;
	}

	/** Marks the instance for closing; closes it now if nobody uses it. */
	void retire() {
		boolean close;
		synchronized (this) {
			this.retired = true;
			close = this.users == 0 && !this.closing;
			this.closing |= close;
		}
		if (close) {
			closeNow();
		}
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

	private void closeNow() {
		try {
			this.readers.close();
			// The last connection to close checkpoints the write-ahead log into the file.
			this.writer.statements().closeAll();
			try (Statement statement = this.writer.connection().createStatement()) {
				statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
			}
			catch (SQLException ex) {
				// A checkpoint that cannot run now runs on the next open.
			}
			this.writer.connection().close();
		}
		catch (SQLException ex) {
			// The connection is unusable either way; nothing else to release.
		}
		finally {
			this.onClosed.accept(this);
			this.closed.complete(null);
		}
	}

}
