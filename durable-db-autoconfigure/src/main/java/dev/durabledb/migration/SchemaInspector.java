package dev.durabledb.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.sqlite.ChangeMarker;
import dev.durabledb.sqlite.SqliteConnections;

/**
 * Reads what instance files record (migration status, changelog fingerprint, applied
 * changesets, change marker) without changing them: files are opened read-only, never
 * through the registry, so looking never migrates or creates anything.
 */
public final class SchemaInspector {

	private final SchemaMigrations migrations;

	private final InstanceFiles files;

	private final SqliteConnections connections;

	SchemaInspector(SchemaMigrations migrations, InstanceFiles files, SqliteConnections connections) {
		this.migrations = migrations;
		this.files = files;
		this.connections = connections;
	}

	/** The fingerprint of the changelog of {@code database}: what an up-to-date instance records. */
	public String fingerprint(String database) {
		return this.migrations.changelog(database).fingerprint();
	}

	/**
	 * Reads the migration status of an existing instance without changing it.
	 */
	public MigrationStatus status(InstanceKey key) throws SQLException {
		Changelog changelog = this.migrations.changelog(key.database());
		MigrationState state;
		Set<String> applied;
		String nextMigration = null;
		try (Connection connection = this.connections.openForInspection(this.files.file(key))) {
			state = MigrationState.read(connection);
			applied = AppliedChangeSets.read(connection);
			if (!changelog.fingerprint().equals(state.fingerprint())) {
				nextMigration = this.migrations.plan(key, connection).describe();
			}
		}
		List<String> pending = changelog.changeSets()
			.stream()
			.map(ChangeSetId::toString)
			.filter((id) -> !applied.contains(id))
			.toList();
		int attempts = state.attemptsAt(changelog.fingerprint());
		int max = this.migrations.maxAttempts();
		boolean upToDate = changelog.fingerprint().equals(state.fingerprint());
		return new MigrationStatus(state.fingerprint(), upToDate, applied.size(), pending, attempts,
				state.lastError(), state.lastErrorAt(), Files.isRegularFile(this.migrations.snapshotOf(key)),
				Math.max(0, max - attempts), !upToDate && attempts >= max, nextMigration);
	}

	/** The change marker recorded in a database file. */
	public ChangeMarker changeMarker(Path file) throws SQLException {
		try (Connection connection = this.connections.openForInspection(file)) {
			return ChangeMarker.read(connection);
		}
	}

	/** The changelog fingerprint recorded in a database file, if any. */
	public Optional<String> recordedFingerprint(Path file) throws SQLException {
		try (Connection connection = this.connections.openForInspection(file)) {
			return Optional.ofNullable(MigrationState.read(connection).fingerprint());
		}
	}

	/**
	 * Why a database file is not an instance of {@code database}: it lacks the starter's
	 * state, or records changesets that are not in the database's changelog. Empty when it
	 * is one.
	 */
	public Optional<String> mismatch(String database, Path file) throws SQLException {
		Set<String> known = this.migrations.changelog(database).changeSets()
			.stream()
			.map(ChangeSetId::toString)
			.collect(Collectors.toSet());
		Set<String> applied;
		try (Connection connection = this.connections.openForInspection(file)) {
			if (MigrationState.read(connection).fingerprint() == null) {
				return Optional.of("it holds no durable-db instance");
			}
			applied = AppliedChangeSets.read(connection);
		}
		return applied.stream()
			.filter((id) -> !known.contains(id))
			.sorted()
			.findFirst()
			.map((id) -> "it records changeset " + id + ", which database '" + database + "' does not have");
	}

}
