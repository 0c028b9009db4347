package dev.durabledb.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
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
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
		config.setBusyTimeout(5000);
		config.enforceForeignKeys(true);
		config.setJournalSizeLimit(64 * 1024 * 1024);
		config.setCacheSize(-2000);
		config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
		return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
	}

	/** Folds {@code file}'s write-ahead log into it and empties the log. */
	static void checkpoint(Path file) throws SQLException {
		try (Connection connection = open(file); Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
		}
	}

}
