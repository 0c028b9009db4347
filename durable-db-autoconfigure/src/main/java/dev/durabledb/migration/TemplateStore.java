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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One migrated, empty database file per database and changelog fingerprint, kept in the
 * database's hidden {@code templates} folder. A new instance is a copy of it, so creating
 * a tenant costs a file copy whatever the number of changesets; Liquibase runs once per
 * fingerprint (and process, if the template is missing).
 */
final class TemplateStore {

	private static final Logger logger = LoggerFactory.getLogger(TemplateStore.class);

	private final InstanceFiles files;

	private final SqliteConnections connections;

	private final LiquibaseRunner liquibase;

	private final MigrationListener events;

	private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

	TemplateStore(InstanceFiles files, SqliteConnections connections, LiquibaseRunner liquibase,
			MigrationListener events) {
		this.files = files;
		this.connections = connections;
		this.liquibase = liquibase;
		this.events = events;
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
				build(database, changelog, template);
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
