package dev.durabledb.replication;

import java.util.List;

import dev.durabledb.DurableDbException;
import dev.durabledb.DurableDbProperties;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;

import org.springframework.beans.factory.InitializingBean;

/**
 * Runs the recovery {@code durable-db.replication.recover.*} asks for as the application
 * starts, before it serves; fails startup if an instance could not be recovered.
 */
final class RecoveryOnStartup implements InitializingBean {

	private final Recovery recovery;

	private final DatabaseCatalog catalog;

	private final DurableDbProperties.Replication.Recover settings;

	RecoveryOnStartup(Recovery recovery, DatabaseCatalog catalog, DurableDbProperties.Replication.Recover settings) {
		this.recovery = recovery;
		this.catalog = catalog;
		this.settings = settings;
	}

	@Override
	public void afterPropertiesSet() {
		List<String> databases = this.settings.databases().contains("*")
				? this.catalog.all().stream().map(DatabaseDefinition::name).toList() : this.settings.databases();
		for (String database : databases) {
			RecoveryResult result = this.recovery.recover(database, this.settings.tenant(), this.settings.at());
			if (!result.failed().isEmpty()) {
				throw new DurableDbException("Could not recover " + result.failed().size() + " instances of '" + database
						+ "' from the store: " + result.failed() + " (see the log for why); the others are recovered,"
						+ " and starting again recovers only what is missing");
			}
		}
	}

}
