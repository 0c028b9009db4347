package dev.durabledb.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import dev.durabledb.sqlite.InstanceTable;
import org.jspecify.annotations.Nullable;

/**
 * The migration guard in the starter's own row inside every instance ({@link InstanceTable}): the changelog
 * fingerprint the instance was migrated to, and the guard of migrations that failed.
 * Keeping it inside the instance means it travels with the file: a restored snapshot
 * carries its counter, a copied file its fingerprint.
 *
 * @param fingerprint the fingerprint of the changelog last applied in full
 * @param attempts consecutive failed attempts to apply {@code failedFingerprint}
 * @param failedFingerprint the changelog fingerprint the attempts were for
 * @param lastError what the last failed attempt reported
 * @param lastErrorAt when it failed
 */
record MigrationState(@Nullable String fingerprint, int attempts, @Nullable String failedFingerprint,
		@Nullable String lastError, @Nullable Instant lastErrorAt) {

	private static final String TABLE = InstanceTable.NAME;

	static final MigrationState NEW = new MigrationState(null, 0, null, null, null);

	private static final String SELECT = "SELECT fingerprint, attempts, failed_fingerprint, last_error, last_error_at FROM "
			+ TABLE + " WHERE id = 1";

	/** Whether the instance open on {@code connection} was migrated to {@code fingerprint}. */
	static boolean isCurrent(Connection connection, String fingerprint) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT fingerprint FROM " + TABLE + " WHERE id = 1");
				ResultSet row = statement.executeQuery()) {
			return row.next() && fingerprint.equals(row.getString(1));
		}
		catch (SQLException ex) {
			if (InstanceTable.isMissing(ex)) {
				return false;
			}
			throw ex;
		}
	}

	static MigrationState read(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(SELECT)) {
			if (!row.next()) {
				return NEW;
			}
			String errorAt = row.getString(5);
			return new MigrationState(row.getString(1), row.getInt(2), row.getString(3), row.getString(4),
					(errorAt != null) ? Instant.parse(errorAt) : null);
		}
		catch (SQLException ex) {
			if (InstanceTable.isMissing(ex)) {
				return NEW;
			}
			throw ex;
		}
	}

	/** Writes this state in its own transaction (the connection is in auto-commit mode). */
	void write(Connection connection) throws SQLException {
		InstanceTable.create(connection);
		// An upsert, not a replace: the change marker's columns stay as they are.
		try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + TABLE
				+ " (id, fingerprint, attempts, failed_fingerprint, last_error, last_error_at) VALUES (1, ?, ?, ?, ?, ?)"
				+ " ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, attempts = excluded.attempts,"
				+ " failed_fingerprint = excluded.failed_fingerprint, last_error = excluded.last_error,"
				+ " last_error_at = excluded.last_error_at")) {
			statement.setString(1, this.fingerprint);
			statement.setInt(2, this.attempts);
			statement.setString(3, this.failedFingerprint);
			statement.setString(4, this.lastError);
			statement.setString(5, (this.lastErrorAt != null) ? this.lastErrorAt.toString() : null);
			statement.executeUpdate();
		}
	}

	/** The state after a successful migration to {@code fingerprint}. */
	static MigrationState current(String fingerprint) {
		return new MigrationState(fingerprint, 0, null, null, null);
	}

	/** The state before an attempt at {@code target}: one more attempt counted. */
	MigrationState attempting(String target) {
		int previous = target.equals(this.failedFingerprint) ? this.attempts : 0;
		return new MigrationState(this.fingerprint, previous + 1, target, this.lastError, this.lastErrorAt);
	}

	MigrationState failed(String error, Instant at) {
		return new MigrationState(this.fingerprint, this.attempts, this.failedFingerprint, error, at);
	}

	/** The state an operator's retry starts from: the attempts forgotten. */
	MigrationState retried() {
		return new MigrationState(this.fingerprint, 0, null, this.lastError, this.lastErrorAt);
	}

	/** The state of an attempt that was interrupted: it does not count. */
	MigrationState uncounted() {
		return new MigrationState(this.fingerprint, Math.max(0, this.attempts - 1), this.failedFingerprint,
				this.lastError, this.lastErrorAt);
	}

	/** How many failed attempts {@code target} has had. */
	int attemptsAt(String target) {
		return target.equals(this.failedFingerprint) ? this.attempts : 0;
	}

}
