package dev.durabledb.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.sqlite.SQLiteConfig;

/**
 * Baseline connections: plain sqlite-jdbc with the pragmas the starter uses by default, as
 * a careful user would open them without durable-db.
 */
final class RawSqlite {

	private RawSqlite() {
	}

	static Connection open(Path file) throws SQLException {
		return open(file, SQLiteConfig.TransactionMode.IMMEDIATE);
	}

	/** A connection whose transactions start as reads ({@code BEGIN DEFERRED}). */
	static Connection openForReads(Path file) throws SQLException {
		return open(file, SQLiteConfig.TransactionMode.DEFERRED);
	}

	private static Connection open(Path file, SQLiteConfig.TransactionMode transactions) throws SQLException {
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
		config.setBusyTimeout(5000);
		config.enforceForeignKeys(true);
		config.setJournalSizeLimit(64 * 1024 * 1024);
		config.setCacheSize(-2000);
		config.setTransactionMode(transactions);
		return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
	}

	/**
	 * Folds the log into the database through {@code connection} and has the next write
	 * start the log from its beginning (the file keeps its size, as it does between
	 * automatic checkpoints).
	 * @throws IllegalStateException if another connection kept the checkpoint from finishing
	 */
	static void restartLog(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(RESTART)")) {
			if (!result.next() || result.getInt(1) != 0) {
				throw new IllegalStateException("The checkpoint could not finish: a connection held the log ");
			}
		}
	}

	/** Folds {@code file}'s write-ahead log into it and empties the log. */
	static void checkpoint(Path file) throws SQLException {
		try (Connection connection = open(file); Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
		}
	}

}
