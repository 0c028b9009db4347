package dev.durabledb.instance;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.durabledb.sqlite.PreparedConnection;
import dev.durabledb.sqlite.SqliteConnections;

/**
 * The reader connections of one open instance: opened on demand, kept while the instance
 * is open, never more than a fixed number. Callers give back every connection they take.
 */
final class ReaderPool {

	private final Path file;

	private final SqliteConnections connections;

	private final Semaphore permits;

	private final ConcurrentLinkedDeque<PreparedConnection> idle = new ConcurrentLinkedDeque<>();

	/**
	 * @param first a reader already open, kept as the first idle one; or {@code null}
	 */
	ReaderPool(Path file, SqliteConnections connections, int size, PreparedConnection first) {
		this.file = file;
		this.connections = connections;
		this.permits = new Semaphore(Math.max(1, size), true);
		if (first != null) {
			this.idle.add(first);
		}
	}

	/** Takes a reader, waiting up to {@code timeoutNanos}; {@code null} if none came free. */
	PreparedConnection take(long timeoutNanos) throws SQLException, InterruptedException {
		if (!this.permits.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
			return null;
		}
		PreparedConnection reader = this.idle.pollFirst();
		if (reader != null) {
			return reader;
		}
		try {
			return PreparedConnection.of(this.connections.openReader(this.file));
		}
		catch (SQLException | RuntimeException ex) {
			this.permits.release();
			throw ex;
		}
	}

	/** Gives back a reader; a broken one is closed instead of kept. */
	void giveBack(PreparedConnection reader, boolean broken) {
		if (broken) {
			closeQuietly(reader);
		}
		else {
			this.idle.offerFirst(reader);
		}
		this.permits.release();
	}

	/** Closes the idle readers; called once no action uses the instance. */
	void close() {
		PreparedConnection reader;
		while ((reader = this.idle.pollFirst()) != null) {
			closeQuietly(reader);
		}
	}

	private static void closeQuietly(PreparedConnection reader) {
		try {
			reader.close();
		}
		catch (SQLException ex) {
			// Nothing to recover: the connection is gone either way.
		}
	}

}
