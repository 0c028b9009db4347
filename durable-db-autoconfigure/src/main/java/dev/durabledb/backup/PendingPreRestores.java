package dev.durabledb.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.InstanceFileName;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Stores, at startup, the files that restores set aside but a crash kept from being
 * stored as their {@code pre-restore} backups (the next start moved them to
 * {@code .durable-db/pre-restore/}): an interrupted restore stays undoable. A file that
 * cannot be stored stays where it is, for the next start, and is logged.
 */
final class PendingPreRestores implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(PendingPreRestores.class);

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final BackupMaker backups;

	PendingPreRestores(DatabaseCatalog catalog, InstanceFiles files, BackupMaker backups) {
		this.catalog = catalog;
		this.files = files;
		this.backups = backups;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (DatabaseDefinition database : this.catalog.all()) {
			Path folder = this.files.databaseDir(database.name())
				.resolve(InstanceFiles.INTERNAL_FOLDER)
				.resolve(InstanceFiles.PRE_RESTORE_FOLDER);
			if (!Files.isDirectory(folder)) {
				continue;
			}
			List<Path> pending = new ArrayList<>();
			try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
				files.forEach(pending::add);
			}
			catch (IOException ex) {
				logger.warn("Could not list the pending pre-restore backups of database '{}'", database.name(), ex);
			}
			for (Path file : pending) {
				store(database.name(), file);
			}
		}
	}

	/** {@code <instance-file>.<millis set aside>}, as the recovery named it. */
	private void store(String database, Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		Optional<String> instance = (dot > 0) ? InstanceFileName.decode(name.substring(0, dot)) : Optional.empty();
		if (instance.isEmpty() || !name.substring(dot + 1).chars().allMatch(Character::isDigit)) {
			logger.warn("Left {} in the pending pre-restore backups of database '{}': not a name a restore gives",
					name, database);
			return;
		}
		InstanceKey key = new InstanceKey(database, instance.get());
		try {
			BackupManifest manifest = this.backups.store(key, BackupReason.PRE_RESTORE, file,
					Instant.ofEpochMilli(Long.parseLong(name.substring(dot + 1))));
			BackupMaker.deleteQuietly(file);
			logger.atInfo()
				.addKeyValue("database", database)
				.addKeyValue("instance", key.instance())
				.addKeyValue("backup", manifest.id())
				.log("Stored the pre-restore backup {} of '{}', kept from an interrupted restore", manifest.id(), key);
		}
		catch (RuntimeException ex) {
			logger.atWarn()
				.addKeyValue("database", database)
				.addKeyValue("instance", key.instance())
				.setCause(ex)
				.log("Could not store the pre-restore backup of '{}' kept from an interrupted restore; will retry at"
						+ " the next start", key);
		}
	}

}
