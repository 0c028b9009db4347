package dev.durabledb.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

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

	/**
	 * Records in the file open on {@code connection} which instance it is a copy of, so
	 * that a backup or an archive entry can never be restored over another instance.
	 */
	public static void stampIdentity(Connection connection, String database, String instance) throws SQLException {
		addIdentityColumns(connection);
		try (PreparedStatement statement = connection
			.prepareStatement("UPDATE " + NAME + " SET owner_database = ?, owner_instance = ? WHERE id = 1")) {
			statement.setString(1, database);
			statement.setString(2, instance);
			statement.executeUpdate();
		}
	}

	/** The instance the file open on {@code connection} says it is a copy of; empty if it does not say. */
	public static Optional<Identity> readIdentity(Connection connection) throws SQLException {
		if (!hasIdentityColumns(connection)) {
			return Optional.empty();
		}
		try (Statement statement = connection.createStatement();
				ResultSet row = statement
					.executeQuery("SELECT owner_database, owner_instance FROM " + NAME + " WHERE id = 1")) {
			if (!row.next() || row.getString(1) == null || row.getString(2) == null) {
				return Optional.empty();
			}
			return Optional.of(new Identity(row.getString(1), row.getString(2)));
		}
	}

	private static void addIdentityColumns(Connection connection) throws SQLException {
		if (!hasIdentityColumns(connection)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("ALTER TABLE " + NAME + " ADD COLUMN owner_database TEXT");
				statement.execute("ALTER TABLE " + NAME + " ADD COLUMN owner_instance TEXT");
			}
		}
	}

	private static boolean hasIdentityColumns(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet columns = statement.executeQuery("PRAGMA table_info(" + NAME + ")")) {
			while (columns.next()) {
				if ("owner_database".equals(columns.getString("name"))) {
					return true;
				}
			}
			return false;
		}
	}

	/**
	 * Which instance a file is a copy of.
	 *
	 * @param database the database
	 * @param instance the tenant id, or {@code global}
	 */
	public record Identity(String database, String instance) {

		@Override
		public String toString() {
			return this.database + "/" + this.instance;
		}

	}

	/** Whether SQLite said a table does not exist (a file Liquibase or the starter never touched). */
	public static boolean isMissing(SQLException ex) {
		return ex.getMessage() != null && ex.getMessage().contains("no such table");
	}

}
