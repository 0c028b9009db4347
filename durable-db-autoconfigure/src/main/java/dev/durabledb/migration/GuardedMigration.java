package dev.durabledb.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;

import dev.durabledb.DurableDbException;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.snapshot.Snapshots;
import dev.durabledb.sqlite.ChangeMarker;
import dev.durabledb.sqlite.SqliteConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies pending changesets to one instance so that a failure never leaves it
 * half-migrated:
 * <ol>
 * <li>count one more attempt inside the instance, and commit;</li>
 * <li>take a consistent snapshot (which holds that counter);</li>
 * <li>apply the changesets. On success the counter resets; on failure the snapshot is
 * restored (so the counter survives), the error is recorded, and the error is
 * rethrown.</li>
 * </ol>
 * Once {@code maxAttempts} attempts at the same changelog have failed, no more are made:
 * the error surfaces on every access until a changelog with another fingerprint is
 * deployed or an operator retries.
 */
final class GuardedMigration {

	private static final Logger logger = LoggerFactory.getLogger(GuardedMigration.class);

	private final SqliteConnections connections;

	private final Snapshots snapshots;

	private final LiquibaseRunner liquibase;

	private final MigrationListener events;

	private final int maxAttempts;

	private final Clock clock;

	GuardedMigration(SqliteConnections connections, Snapshots snapshots, LiquibaseRunner liquibase,
			MigrationListener events, int maxAttempts, Clock clock) {
		this.connections = connections;
		this.snapshots = snapshots;
		this.liquibase = liquibase;
		this.events = events;
		this.maxAttempts = maxAttempts;
		this.clock = clock;
	}

	int maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Migrates the instance at {@code file} to {@code changelog}; no other connection to
	 * it may be open.
	 * @param snapshot where the pre-migration snapshot goes
	 * @param retry whether an operator asked, so that spent attempts are forgotten
	 */
	void migrate(InstanceKey key, Path file, Path snapshot, Changelog changelog, boolean retry) throws Exception {
		String target = changelog.fingerprint();
		MigrationState attempt;
		undoInterruptedAttempt(key, file, snapshot, target);
		try (Connection connection = this.connections.open(file)) {
			MigrationState state = MigrationState.read(connection);
			if (target.equals(state.fingerprint())) {
				return;
			}
			if (retry) {
				state = state.retried();
			}
			if (state.attemptsAt(target) >= this.maxAttempts) {
				throw MigrationFailedException.exhausted(key, this.maxAttempts);
			}
			attempt = state.attempting(target);
			attempt.write(connection);
			this.snapshots.take(connection, snapshot);
		}
		try (Connection connection = this.connections.open(file)) {
			this.liquibase.update(connection, changelog);
			MigrationState.current(target).write(connection);
			ChangeMarker.renew(connection);
		}
		catch (Exception ex) {
			this.events.liquibaseRan(key.database(), false);
			restore(key, file, snapshot, attempt, ex);
			logger.atWarn()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.addKeyValue("attempt", attempt.attempts())
				.setCause(ex)
				.log("Migration of instance '{}' failed (attempt {} of {}); its data was restored from the"
						+ " pre-migration snapshot", key, attempt.attempts(), this.maxAttempts);
			throw MigrationFailedException.attemptFailed(key, attempt.attempts(), this.maxAttempts, ex);
		}
		this.events.liquibaseRan(key.database(), true);
		Files.deleteIfExists(snapshot);
	}

	/**
	 * Puts back the pre-migration snapshot when the last attempt was interrupted (the
	 * process stopped while Liquibase ran), so that the next attempt starts from the state
	 * before it and not from half of a changeset: Liquibase on SQLite commits a changeset's
	 * DDL apart from its DATABASECHANGELOG row. An attempt was interrupted when the file
	 * still records it as under way, exactly as the snapshot it took does (a failed attempt
	 * records its failure; a successful one its fingerprint). The interrupted attempt does
	 * not count as a failure.
	 */
	private void undoInterruptedAttempt(InstanceKey key, Path file, Path snapshot, String target) throws Exception {
		if (!Files.isRegularFile(snapshot)) {
			return;
		}
		MigrationState current;
		try (Connection connection = this.connections.openForInspection(file)) {
			current = MigrationState.read(connection);
		}
		if (target.equals(current.fingerprint()) || current.attemptsAt(target) == 0) {
			return;
		}
		MigrationState atSnapshot;
		try (Connection connection = this.connections.openForInspection(snapshot)) {
			atSnapshot = MigrationState.read(connection);
		}
		finally {
			for (Path sidecar : InstanceFiles.sidecars(snapshot)) {
				Files.deleteIfExists(sidecar);
			}
		}
		if (!atSnapshot.equals(current)) {
			return;
		}
		this.snapshots.restore(snapshot, file);
		try (Connection connection = this.connections.open(file)) {
			current.uncounted().write(connection);
		}
		logger.atWarn()
			.addKeyValue("database", key.database())
			.addKeyValue("instance", key.instance())
			.log("The migration of instance '{}' was interrupted (its process stopped); its pre-migration snapshot"
					+ " is back and the migration runs again", key);
	}

	private void restore(InstanceKey key, Path file, Path snapshot, MigrationState attempt, Exception failure) {
		try {
			this.snapshots.restore(snapshot, file);
			try (Connection connection = this.connections.open(file)) {
				attempt.failed(describe(failure), this.clock.instant()).write(connection);
			}
		}
		catch (IOException | java.sql.SQLException ex) {
			failure.addSuppressed(ex);
			throw new DurableDbException("Instance '" + key
					+ "' failed to migrate and its pre-migration snapshot could not be restored; it is kept in the"
					+ " database's .durable-db/snapshots folder", failure);
		}
	}

	private static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
