package dev.durabledb.migration;

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.InstanceFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * One line per database at startup: its instance strategy, how many instances it has on
 * disk, its changelog (parsed now, so that an unreadable one fails startup) and how its
 * instances are migrated.
 */
final class DatabaseStartupReport implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseStartupReport.class);

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final SchemaMigrations migrations;

	private final boolean eager;

	DatabaseStartupReport(DatabaseCatalog catalog, InstanceFiles files, SchemaMigrations migrations, boolean eager) {
		this.catalog = catalog;
		this.files = files;
		this.migrations = migrations;
		this.eager = eager;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (DatabaseDefinition database : this.catalog.all()) {
			Changelog changelog = this.migrations.changelog(database.name());
			int instances = this.files.existing(database).size();
			logger.atInfo()
				.addKeyValue("database", database.name())
				.addKeyValue("instances", instances)
				.addKeyValue("fingerprint", changelog.shortFingerprint())
				.log("Database '{}': {}, {} instance{} on disk, changelog {} ({} changesets, fingerprint {}), migrated {}",
						database.name(), database.isPerTenant() ? "one file per tenant" : "one shared file", instances,
						(instances == 1) ? "" : "s", database.changelog(), changelog.changeSets().size(),
						changelog.shortFingerprint(), this.eager ? "at startup (eager)" : "when first opened (lazy)");
		}
	}

}
