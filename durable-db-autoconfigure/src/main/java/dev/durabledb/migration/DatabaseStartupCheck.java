package dev.durabledb.migration;

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.InstanceFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Checks every database's changelog at startup, as Spring Boot's own Liquibase support
 * does: it is parsed and its template built (migrated on an empty database), so that a
 * changelog that cannot be read, or that fails, stops the deploy with a report naming the
 * changeset instead of failing tenant by tenant later. Then one line per database: its
 * instance strategy, how many instances it has on disk, its changelog and how its
 * instances are migrated.
 */
final class DatabaseStartupCheck implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseStartupCheck.class);

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final SchemaMigrations migrations;

	private final boolean eager;

	DatabaseStartupCheck(DatabaseCatalog catalog, InstanceFiles files, SchemaMigrations migrations, boolean eager) {
		this.catalog = catalog;
		this.files = files;
		this.migrations = migrations;
		this.eager = eager;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (DatabaseDefinition database : this.catalog.all()) {
			Changelog changelog = this.migrations.prepare(database.name());
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
