package dev.durabledb.sqlite;

import java.time.Duration;

/**
 * SQLite settings applied to every connection the starter opens.
 *
 * @param synchronous {@code PRAGMA synchronous}
 * @param busyTimeout {@code PRAGMA busy_timeout}
 * @param journalSizeLimit {@code PRAGMA journal_size_limit}, in bytes
 * @param cacheSize {@code PRAGMA cache_size}
 * @param mmapSize {@code PRAGMA mmap_size}, in bytes; 0 for none
 * @param automaticCheckpoints whether writers fold the log into the file by themselves
 * ({@code PRAGMA wal_autocheckpoint}); off while replication ships the log, which
 * checkpoints only what it shipped
 */
public record SqliteSettings(Synchronous synchronous, Duration busyTimeout, long journalSizeLimit, int cacheSize,
		long mmapSize, boolean automaticCheckpoints) {

	/** The defaults: {@code synchronous=NORMAL}, 5 s busy timeout, 64 MiB WAL limit. */
	public static SqliteSettings defaults() {
		return new SqliteSettings(Synchronous.NORMAL, Duration.ofSeconds(5), 64L * 1024 * 1024, -2000, 0, true);
	}

	/** The values of {@code PRAGMA synchronous} that are safe in WAL mode. */
	public enum Synchronous {

		/** Durable across application crashes; the last commits may roll back on power loss. */
		NORMAL,

		/** Durable across power loss, at the cost of an fsync per commit. */
		FULL

	}

}
