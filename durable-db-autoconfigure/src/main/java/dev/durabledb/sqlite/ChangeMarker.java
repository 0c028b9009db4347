package dev.durabledb.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * What tells whether an instance changed since a backup, kept inside the instance: an
 * epoch, renewed whenever the file is replaced or migrated, and a counter of writes. A
 * write action bumps the counter when it is the first since the process started or since
 * the last backup, so two equal markers mean equal content; file times cannot promise
 * that (their clock is coarse, and checkpoints touch files without new data).
 *
 * @param epoch the epoch, or {@code null} for a file never replaced nor migrated since its
 * template
 * @param changes the write counter
 */
public record ChangeMarker(String epoch, long changes) {

	@Override
	public String toString() {
		return this.epoch + ":" + this.changes;
	}

	/** The marker of the instance open on {@code connection}. */
	public static ChangeMarker read(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT epoch, changes FROM " + InstanceTable.NAME + " WHERE id = 1");
				ResultSet row = statement.executeQuery()) {
			return row.next() ? new ChangeMarker(row.getString(1), row.getLong(2)) : new ChangeMarker(null, 0);
		}
	}

	/** Counts one more write; call it inside the write's transaction. */
	public static void count(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("UPDATE " + InstanceTable.NAME + " SET changes = changes + 1 WHERE id = 1")) {
			statement.executeUpdate();
		}
	}

	/** Starts a new epoch: the file's content no longer descends from its earlier backups. */
	public static void renew(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("UPDATE " + InstanceTable.NAME + " SET epoch = ?, changes = 0 WHERE id = 1")) {
			statement.setString(1, UUID.randomUUID().toString());
			statement.executeUpdate();
		}
	}

}
