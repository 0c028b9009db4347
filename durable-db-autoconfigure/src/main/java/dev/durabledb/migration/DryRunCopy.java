package dev.durabledb.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.snapshot.Snapshots;
import dev.durabledb.sqlite.ChangeMarker;
import dev.durabledb.sqlite.SqliteConnections;
import org.jspecify.annotations.Nullable;

/**
 * The dry run of one instance: its deployed changelog applied to a copy, by the path a
 * real migration would take, and the copy deleted.
 * <p>
 * The copy is a consistent snapshot taken from a reader (so commits still in the live
 * write-ahead log are in it, and writers do not wait), in the database's staging folder,
 * which startup empties. Like {@link GuardedMigration#migrate}, it starts from the
 * pre-migration snapshot when the last attempt was interrupted, then replays the recorded
 * steps when {@link ReplayScripts} says the instance would, and runs Liquibase otherwise
 * (one run at a time in the JVM, as {@link LiquibaseRunner} ensures). What it leaves out
 * concerns the live instance alone: no attempt is counted or failure recorded in it, no
 * snapshot of it kept, no listener told; and the attempt limit is not consulted, so an
 * instance whose attempts ran out is tried as an operator's retry would try it.
 */
final class DryRunCopy {

	private final InstanceFiles files;

	private final SqliteConnections connections;

	private final Snapshots snapshots;

	private final SchemaMigrations migrations;

	DryRunCopy(InstanceFiles files, SqliteConnections connections, SchemaMigrations migrations) {
		this.files = files;
		this.connections = connections;
		this.snapshots = new Snapshots(connections);
		this.migrations = migrations;
	}

	/**
	 * Applies {@code changelog} to a copy of the instance {@code key}.
	 * @return {@code null} if the instance does not exist (any more)
	 */
	@Nullable InstanceDryRun run(InstanceKey key, Changelog changelog) {
		long start = System.nanoTime();
		Path live = this.files.file(key);
		if (!Files.isRegularFile(live)) {
			return null;
		}
		Path copy = this.files.internalDir(key.database(), "staging").resolve("dry-run-" + UUID.randomUUID() + ".db");
		Result result;
		try {
			result = copy(key, live, copy, changelog.fingerprint());
			if (result == null) {
				result = migrate(key, copy, changelog);
			}
		}
		catch (IOException | SQLException | RuntimeException ex) {
			result = new Result(DryRunOutcome.NOT_CHECKED, null, null, null,
					"Could not copy or read the instance: " + ChangeSetFailure.rootError(ex));
		}
		finally {
			delete(copy);
		}
		return new InstanceDryRun(key.instance(), result.outcome(), result.path(), result.plan(), result.changeSet(),
				(result.error() != null) ? withoutPaths(result.error(), copy) : null,
				Duration.ofNanos(System.nanoTime() - start));
	}

	/**
	 * Copies the instance to {@code copy}, as the migration would start from it.
	 * @return the result if there is nothing to migrate, else {@code null}
	 */
	private @Nullable Result copy(InstanceKey key, Path live, Path copy, String target)
			throws IOException, SQLException {
		// A reader that does not create the file: a tenant deleted meanwhile stays deleted.
		try (Connection reader = this.connections.openReader(live)) {
			MigrationState state = MigrationState.read(reader);
			if (target.equals(state.fingerprint())) {
				return new Result(DryRunOutcome.UP_TO_DATE, null, null, null, null);
			}
			if (!restartsFromSnapshot(key, state, copy, target)) {
				this.snapshots.take(reader, copy);
			}
			return null;
		}
	}

	/**
	 * Whether the last attempt at {@code target} was interrupted, so that the migration
	 * would start from the pre-migration snapshot; if so, {@code copy} holds it.
	 */
	private boolean restartsFromSnapshot(InstanceKey key, MigrationState state, Path copy, String target)
			throws IOException, SQLException {
		Path snapshot = this.migrations.snapshotOf(key);
		if (state.attemptsAt(target) == 0 || !Files.isRegularFile(snapshot)) {
			return false;
		}
		// The snapshot is read on the copy, so that no file is left beside it.
		Files.copy(snapshot, copy, StandardCopyOption.REPLACE_EXISTING);
		MigrationState atSnapshot;
		try (Connection connection = this.connections.open(copy)) {
			atSnapshot = MigrationState.read(connection);
		}
		return GuardedMigration.restartsFromSnapshot(state, atSnapshot, target);
	}

	private Result migrate(InstanceKey key, Path copy, Changelog changelog) throws SQLException {
		try (Connection connection = this.connections.open(copy)) {
			MigrationState state = MigrationState.read(connection);
			ReplayPlan plan = this.migrations.scripts()
				.plan(key.database(), connection, state.fingerprint(), changelog.fingerprint());
			return plan.replayable() ? replay(connection, plan, changelog) : liquibase(connection, plan, changelog);
		}
	}

	/** The replay's transaction, committed on the copy as it would be on the instance. */
	private Result replay(Connection connection, ReplayPlan plan, Changelog changelog) {
		ChangeSetId[] failedAt = new ChangeSetId[1];
		try {
			ReplayTransaction.run(connection, () -> {
				try {
					plan.runOn(connection);
				}
				catch (SQLException ex) {
					failedAt[0] = failingChangeSet(connection, changelog, ex);
					throw ex;
				}
				MigrationState.current(changelog.fingerprint()).write(connection);
				ChangeMarker.renew(connection);
			});
			return new Result(DryRunOutcome.WOULD_SUCCEED, MigrationPath.REPLAY, plan.describe(), null, null);
		}
		catch (SQLException ex) {
			return new Result(DryRunOutcome.WOULD_FAIL, MigrationPath.REPLAY, plan.describe(), failedAt[0],
					ChangeSetFailure.rootError(ex));
		}
	}

	/**
	 * The changeset a replay failed in: the first one whose record the transaction, still
	 * open, has not written yet (each changeset's statements come before its record).
	 */
	private static @Nullable ChangeSetId failingChangeSet(Connection connection, Changelog changelog,
			SQLException failure) {
		try {
			return changelog.firstPending(AppliedChangeSets.read(connection));
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
			return null;
		}
	}

	private Result liquibase(Connection connection, ReplayPlan plan, Changelog changelog) throws SQLException {
		try {
			this.migrations.liquibase().update(connection, changelog);
			return new Result(DryRunOutcome.WOULD_SUCCEED, MigrationPath.LIQUIBASE, plan.describe(), null, null);
		}
		catch (ChangeSetFailure ex) {
			return new Result(DryRunOutcome.WOULD_FAIL, MigrationPath.LIQUIBASE, plan.describe(), ex.changeSetId(),
					ex.error());
		}
	}

	/** {@code error} without the copy's path or the data dir's, should SQLite or Liquibase name them. */
	private String withoutPaths(String error, Path copy) {
		return error.replace(copy.toString(), "the copy")
			.replace(copy.getParent().toString(), "the staging folder")
			.replace(this.files.dataDir().toString(), "the data dir");
	}

	private static void delete(Path copy) {
		for (Path file : List.of(copy, copy.resolveSibling(copy.getFileName() + "-journal"))) {
			deleteQuietly(file);
		}
		InstanceFiles.sidecars(copy).forEach(DryRunCopy::deleteQuietly);
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// A leftover in the staging folder is harmless, and the next start removes it.
		}
	}

	private record Result(DryRunOutcome outcome, @Nullable MigrationPath path, @Nullable String plan,
			@Nullable ChangeSetId changeSet, @Nullable String error) {
	}

}
