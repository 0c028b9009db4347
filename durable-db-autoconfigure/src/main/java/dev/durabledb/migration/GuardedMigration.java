package dev.durabledb.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.durabledb.DurableDbException;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.snapshot.Snapshots;
import dev.durabledb.sqlite.ChangeMarker;
import dev.durabledb.sqlite.SqliteConnections;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

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
 * After a failed attempt the next one waits: {@code retryDelay}, doubled after each
 * failure, so that a burst of requests does not spend every attempt in a second. Once
 * {@code maxAttempts} attempts at the same changelog have failed, no more are made: the
 * error surfaces on every access until a changelog with another fingerprint is deployed
 * or an operator retries (which waits for nothing).
 * <p>
 * Each migrated instance logs one line; each failed attempt one line too, with the stack
 * trace only the first time a changeset fails with a given error in this process.
 */
final class GuardedMigration {

	private static final Logger logger = LoggerFactory.getLogger(GuardedMigration.class);

	private final SqliteConnections connections;

	private final Snapshots snapshots;

	private final LiquibaseRunner liquibase;

	private final MigrationListener events;

	private final ReplayScripts scripts;

	private final int maxAttempts;

	private final BackOff retryDelays;

	private final Clock clock;

	private final Set<String> stackLogged = ConcurrentHashMap.newKeySet();

	GuardedMigration(SqliteConnections connections, Snapshots snapshots, LiquibaseRunner liquibase,
			MigrationListener events, ReplayScripts scripts, int maxAttempts, Duration retryDelay, Clock clock) {
		this.connections = connections;
		this.snapshots = snapshots;
		this.liquibase = liquibase;
		this.events = events;
		this.scripts = scripts;
		this.maxAttempts = maxAttempts;
		ExponentialBackOff delays = new ExponentialBackOff(retryDelay.toMillis(), 2.0);
		delays.setMaxInterval(Long.MAX_VALUE);
		this.retryDelays = delays;
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
	 * @return {@code false} if it was current already
	 */
	boolean migrate(InstanceKey key, Path file, Path snapshot, Changelog changelog, boolean retry) throws Exception {
		String target = changelog.fingerprint();
		MigrationState attempt;
		undoInterruptedAttempt(key, file, snapshot, target);
		try (Connection connection = this.connections.open(file)) {
			MigrationState state = MigrationState.read(connection);
			if (target.equals(state.fingerprint())) {
				return false;
			}
			if (retry) {
				state = state.retried();
			}
			checkAttempts(key, state, target);
			ReplayPlan plan = this.scripts.plan(key.database(), connection, state.fingerprint(), target);
			if (plan.replayable()) {
				replay(key, connection, state, plan, changelog);
				return true;
			}
			attempt = state.attempting(target);
			attempt.write(connection);
			this.snapshots.take(connection, snapshot);
		}
		long start = System.nanoTime();
		try (Connection connection = this.connections.open(file)) {
			this.liquibase.update(connection, changelog);
			MigrationState.current(target).write(connection);
			ChangeMarker.renew(connection);
		}
		catch (ChangeSetFailure ex) {
			this.events.liquibaseRan(key.database(), false);
			MigrationState failed = restore(key, file, snapshot, attempt, ex.getMessage(), ex);
			logFailure(key, changelog, failed, "changeset " + ex.changeSet(), ex.error() + "; its data was restored",
					ex.getCause());
			throw MigrationFailedException.attemptFailed(key, attempt.attempts(), this.maxAttempts, ex);
		}
		catch (Exception ex) {
			this.events.liquibaseRan(key.database(), false);
			restore(key, file, snapshot, attempt, ChangeSetFailure.rootError(ex), ex);
			logger.atWarn()
				.addKeyValue("database", key.database())
				.addKeyValue("instance", key.instance())
				.setCause(ex)
				.log("Migration of instance '{}' failed (attempt {} of {}); its data was restored", key,
						attempt.attempts(), this.maxAttempts);
			throw MigrationFailedException.attemptFailed(key, attempt.attempts(), this.maxAttempts, ex);
		}
		this.events.liquibaseRan(key.database(), true);
		Files.deleteIfExists(snapshot);
		logger.atInfo()
			.addKeyValue("database", key.database())
			.addKeyValue("instance", key.instance())
			.addKeyValue("fingerprint", changelog.shortFingerprint())
			.log("Migrated instance '{}' to changelog fingerprint {} with Liquibase in {} ms", key,
					changelog.shortFingerprint(), (System.nanoTime() - start) / 1_000_000);
		return true;
	}

	/**
	 * Replays {@code plan} on the instance in one transaction, the new state and change
	 * marker included: all or nothing, so no snapshot is needed. A failure rolls back and
	 * counts as a failed attempt.
	 */
	private void replay(InstanceKey key, Connection connection, MigrationState state, ReplayPlan plan,
			Changelog changelog) throws SQLException {
		long start = System.nanoTime();
		String target = changelog.fingerprint();
		try {
			ReplayTransaction.run(connection, () -> {
				plan.runOn(connection);
				MigrationState.current(target).write(connection);
				ChangeMarker.renew(connection);
			});
		}
		catch (SQLException ex) {
			this.events.replayed(key.database(), false);
			String error = ChangeSetFailure.rootError(ex);
			MigrationState failed = state.attempting(target).failed(error, this.clock.instant());
			failed.write(connection);
			logFailure(key, changelog, failed, "replaying " + plan.describe().substring("replay: ".length()), error,
					ex);
			throw MigrationFailedException.attemptFailed(key, failed.attempts(), this.maxAttempts, ex);
		}
		this.events.replayed(key.database(), true);
		logger.atInfo()
			.addKeyValue("database", key.database())
			.addKeyValue("instance", key.instance())
			.addKeyValue("fingerprint", changelog.shortFingerprint())
			.log("Migrated instance '{}' to changelog fingerprint {} by replay ({} statements) in {} ms", key,
					changelog.shortFingerprint(), plan.statements(), (System.nanoTime() - start) / 1_000_000);
	}

	/**
	 * Migrates the instance open on {@code connection}, its only connection, by replay
	 * when it can.
	 * @return {@code false} if it cannot: the steps must take Liquibase, or an interrupted
	 * attempt must be undone first; then {@link #migrate} does it with the file closed
	 */
	boolean migrateOpen(InstanceKey key, Path snapshot, Connection connection, Changelog changelog)
			throws SQLException {
		if (Files.isRegularFile(snapshot)) {
			return false;
		}
		String target = changelog.fingerprint();
		MigrationState state = MigrationState.read(connection);
		if (target.equals(state.fingerprint())) {
			return true;
		}
		checkAttempts(key, state, target);
		ReplayPlan plan = this.scripts.plan(key.database(), connection, state.fingerprint(), target);
		if (!plan.replayable()) {
			return false;
		}
		replay(key, connection, state, plan, changelog);
		return true;
	}

	/**
	 * Refuses an attempt at {@code target} when the attempts ran out, or when the wait
	 * after the last failure is not over.
	 */
	private void checkAttempts(InstanceKey key, MigrationState state, String target) {
		int failed = state.attemptsAt(target);
		if (failed >= this.maxAttempts) {
			throw MigrationFailedException.exhausted(key, this.maxAttempts);
		}
		Instant next = nextAttempt(state, failed);
		if (next != null && next.isAfter(this.clock.instant())) {
			throw MigrationFailedException.waiting(key, failed, this.maxAttempts,
					Duration.between(this.clock.instant(), next));
		}
	}

	/** When the attempt after {@code failed} failures may start; null when now. */
	private @Nullable Instant nextAttempt(MigrationState state, int failed) {
		if (failed == 0 || state.lastErrorAt() == null) {
			return null;
		}
		BackOffExecution delays = this.retryDelays.start();
		long wait = 0;
		for (int i = 0; i < failed; i++) {
			wait = delays.nextBackOff();
		}
		return state.lastErrorAt().plusMillis(wait);
	}

	/**
	 * One line for the attempt that left {@code failed} in the instance; the stack trace
	 * the first time {@code what} fails with {@code error} in this process.
	 */
	private void logFailure(InstanceKey key, Changelog changelog, MigrationState failed, String what, String error,
			@Nullable Throwable cause) {
		boolean firstTime = this.stackLogged.add(key.database() + '\n' + what + '\n' + error);
		Instant next = nextAttempt(failed, failed.attempts());
		String then = (failed.attempts() >= this.maxAttempts) ? "no more attempts until a new changelog or a retry"
				: "next attempt after " + ((next != null) ? next.truncatedTo(ChronoUnit.SECONDS) : "now");
		logger.atWarn()
			.addKeyValue("database", key.database())
			.addKeyValue("instance", key.instance())
			.addKeyValue("attempt", failed.attempts())
			.setCause(firstTime ? cause : null)
			.log("Migration of instance '{}' to fingerprint {} failed, attempt {} of {}, {}: {}; {}", key,
					changelog.shortFingerprint(), failed.attempts(), this.maxAttempts, what, error, then);
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
		if (!restartsFromSnapshot(current, atSnapshot, target)) {
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

	/**
	 * Whether an attempt at {@code target} was interrupted, so that the next one starts
	 * from the pre-migration snapshot: the file ({@code current}) still records it as under
	 * way, exactly as the snapshot ({@code atSnapshot}) does.
	 */
	static boolean restartsFromSnapshot(MigrationState current, MigrationState atSnapshot, String target) {
		return !target.equals(current.fingerprint()) && current.attemptsAt(target) > 0 && atSnapshot.equals(current);
	}

	/** Puts the snapshot back and records the failure; returns the state recorded. */
	private MigrationState restore(InstanceKey key, Path file, Path snapshot, MigrationState attempt, String error,
			Exception failure) {
		MigrationState failed = attempt.failed(error, this.clock.instant());
		try {
			this.snapshots.restore(snapshot, file);
			try (Connection connection = this.connections.open(file)) {
				failed.write(connection);
			}
			return failed;
		}
		catch (IOException | java.sql.SQLException ex) {
			failure.addSuppressed(ex);
			throw new DurableDbException("Instance '" + key
					+ "' failed to migrate and its pre-migration snapshot could not be restored; it is kept in the"
					+ " database's .durable-db/snapshots folder", failure);
		}
	}

}
