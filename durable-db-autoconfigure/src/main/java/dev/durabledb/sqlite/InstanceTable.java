package dev.durabledb.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The starter's own table inside every instance file, {@value #NAME}: one row that
 * travels with the file, holding the migration guard (written by migrations) and the
 * {@link ChangeMarker} (written by backups and every first write after one).
 */
public final class InstanceTable {

	/** The table's name. */
	public static final String NAME = "durable_db_instance";

	private InstanceTable() {
	}

	/** Creates the table if the file does not have it yet. */
	public static void create(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS " + NAME
					+ " (id INTEGER PRIMARY KEY CHECK (id = 1), fingerprint TEXT, attempts INTEGER NOT NULL,"
					+ " failed_fingerprint TEXT, last_error TEXT, last_error_at TEXT,"
					+ " epoch TEXT, changes INTEGER NOT NULL DEFAULT 0)");
		}
	}

	/** Whether SQLite said a table does not exist (a file Liquibase or the starter never touched). */
	public static boolean isMissing(SQLException ex) {
		return ex.getMessage() != null && ex.getMessage().contains("no such table");
	}

}
