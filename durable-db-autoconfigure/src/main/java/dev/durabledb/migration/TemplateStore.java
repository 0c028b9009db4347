package dev.durabledb.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

import dev.durabledb.DurableDbException;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.io.AtomicFiles;
import dev.durabledb.sqlite.SqliteConnections;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One migrated, empty database file per database and changelog fingerprint, kept in the
 * database's hidden {@code templates} folder. A new instance is a copy of it, so creating
 * a tenant costs a file copy whatever the number of changesets; Liquibase runs once per
 * fingerprint (and process, if the template is missing).
 * <p>
 * When the changelog moves on, the new template is the previous one migrated by
 * Liquibase, and what Liquibase ran for that step is kept as a {@link ReplayScript}: every
 * instance at the previous fingerprint can take the same step by replay. Before it is
 * kept, the script is replayed on another copy of the previous template, which must come
 * out equal to the new one, data included; a step that cannot be replayed is kept too,
 * with why, so that instances and the log can say so.
 */
final class TemplateStore {

	private static final Logger logger = LoggerFactory.getLogger(TemplateStore.class);

	private final InstanceFiles files;

	private final SqliteConnections connections;

	private final LiquibaseRunner liquibase;

	private final MigrationListener events;

	private final ReplayScripts scripts;

	private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

	TemplateStore(InstanceFiles files, SqliteConnections connections, LiquibaseRunner liquibase,
			MigrationListener events, ReplayScripts scripts) {
		this.files = files;
		this.connections = connections;
		this.liquibase = liquibase;
		this.events = events;
		this.scripts = scripts;
	}

	/** The template of {@code database} at {@code changelog}'s fingerprint, built if missing. */
	Path template(String database, Changelog changelog) {
		Path folder = this.files.internalDir(database, "templates");
		Path template = folder.resolve(changelog.shortFingerprint() + ".db");
		if (Files.isRegularFile(template)) {
			return template;
		}
		synchronized (this.locks.computeIfAbsent(database, (name) -> new Object())) {
			if (!Files.isRegularFile(template)) {
				Path previous = previousTemplate(folder, template);
				if (previous == null || !step(database, changelog, previous, template)) {
					build(database, changelog, template);
				}
				deleteOthers(folder, template);
			}
		}
		return template;
	}

	private void build(String database, Changelog changelog, Path template) {
		Path temporary = AtomicFiles.temporarySibling(template);
		long start = System.nanoTime();
		try {
			try (Connection connection = this.connections.open(temporary)) {
				try {
					this.liquibase.update(connection, changelog);
				}
				catch (ChangeSetFailure ex) {
					this.events.liquibaseRan(database, false);
					throw new ChangelogFailedException(database, changelog.location(), ex);
				}
				MigrationState.current(changelog.fingerprint()).write(connection);
			}
			this.events.liquibaseRan(database, true);
			AtomicFiles.publish(temporary, template);
			logger.atInfo()
				.addKeyValue("database", database)
				.addKeyValue("fingerprint", changelog.shortFingerprint())
				.log("Built the template of database '{}' ({} changesets, fingerprint {}) in {} ms", database,
						changelog.changeSets().size(), changelog.shortFingerprint(),
						(System.nanoTime() - start) / 1_000_000);
		}
		catch (SQLException | IOException ex) {
			throw new DurableDbException("Could not build the template of database '" + database + "'", ex);
		}
		finally {
			deleteQuietly(temporary);
			InstanceFiles.sidecars(temporary).forEach(TemplateStore::deleteQuietly);
		}
	}

	/**
	 * Builds the template at {@code changelog} from the {@code previous} one and keeps the
	 * step as a replay script; {@code false} if Liquibase could not migrate the previous
	 * template (for example, an applied changeset was edited), so that it is built anew.
	 */
	private boolean step(String database, Changelog changelog, Path previous, Path template) {
		Path temporary = AtomicFiles.temporarySibling(template);
		Path rehearsal = AtomicFiles.temporarySibling(template);
		long start = System.nanoTime();
		try {
			Files.copy(previous, temporary);
			String from;
			String fromSchema;
			java.util.Set<String> applied;
			StatementRecorder recorder = new StatementRecorder();
			try (Connection connection = this.connections.open(temporary)) {
				from = MigrationState.read(connection).fingerprint();
				if (from == null) {
					return false;
				}
				fromSchema = SchemaDigest.of(connection);
				applied = AppliedChangeSets.read(connection);
				try {
					this.liquibase.update(connection, changelog, recorder);
				}
				catch (ChangeSetFailure ex) {
					this.events.liquibaseRan(database, false);
					logger.atInfo()
						.addKeyValue("database", database)
						.log("The previous template of database '{}' could not be migrated ({}); building it anew",
								database, ex.getMessage());
					return false;
				}
				this.events.liquibaseRan(database, true);
				MigrationState.current(changelog.fingerprint()).write(connection);
			}
			String reason = changelog.whyNotReplayable(applied);
			if (reason == null) {
				reason = ReplayRules.whyNotInTransaction(recorder.statements()).orElse(null);
			}
			ReplayScript script = new ReplayScript(from, changelog.fingerprint(), fromSchema, recorder.statements(),
					reason);
			if (script.replayable()) {
				script = rehearse(script, previous, rehearsal, temporary);
			}
			this.scripts.save(database, script);
			AtomicFiles.publish(temporary, template);
			logger.atInfo()
				.addKeyValue("database", database)
				.addKeyValue("fingerprint", changelog.shortFingerprint())
				.log("Built the template of database '{}' at fingerprint {} from fingerprint {} in {} ms; instances"
						+ " at {} take this step by {}", database, changelog.shortFingerprint(),
						ReplayScripts.shortFingerprint(from), (System.nanoTime() - start) / 1_000_000,
						ReplayScripts.shortFingerprint(from),
						script.replayable() ? "replay (" + script.statements().size() + " statements)"
								: "Liquibase: " + script.liquibaseReason());
			return true;
		}
		catch (SQLException | IOException ex) {
			throw new DurableDbException("Could not build the template of database '" + database + "'", ex);
		}
		finally {
			for (Path leftover : java.util.List.of(temporary, rehearsal)) {
				deleteQuietly(leftover);
				InstanceFiles.sidecars(leftover).forEach(TemplateStore::deleteQuietly);
			}
		}
	}

	/**
	 * Replays {@code script} on a copy of the previous template: the script is kept as
	 * replayable only if that copy comes out equal to the template Liquibase migrated.
	 */
	private ReplayScript rehearse(ReplayScript script, Path previous, Path rehearsal, Path migrated)
			throws IOException, SQLException {
		Files.copy(previous, rehearsal);
		String replayed;
		try (Connection connection = this.connections.open(rehearsal)) {
			try {
				ReplayTransaction.run(connection, () -> script.runOn(connection));
			}
			catch (SQLException ex) {
				return script.notReplayable("replaying it on the previous template failed: " + ex.getMessage());
			}
			replayed = SchemaDigest.withData(connection);
		}
		String expected;
		try (Connection connection = this.connections.openForInspection(migrated)) {
			expected = SchemaDigest.withData(connection);
		}
		return replayed.equals(expected) ? script
				: script.notReplayable("replaying it on the previous template did not give what Liquibase gave");
	}

	/** The template left by an earlier changelog, if any: the newest other template. */
	private static @Nullable Path previousTemplate(Path folder, Path template) {
		Path newest = null;
		try (DirectoryStream<Path> templates = Files.newDirectoryStream(folder, "*.db")) {
			for (Path candidate : templates) {
				if (!candidate.equals(template) && (newest == null
						|| Files.getLastModifiedTime(candidate).compareTo(Files.getLastModifiedTime(newest)) > 0)) {
					newest = candidate;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return newest;
	}

	private static void deleteOthers(Path folder, Path keep) {
		try (DirectoryStream<Path> templates = Files.newDirectoryStream(folder, "*.db")) {
			for (Path template : templates) {
				if (!template.equals(keep)) {
					deleteQuietly(template);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// A leftover in the hidden folder is harmless and removed next time.
		}
	}

}
