package dev.durabledb.instance;

import java.io.IOException;
import java.nio.file.Files;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.sqlite.SqliteConnections;
import org.sqlite.SQLiteConnection;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the instance files and their cache: where the files live
 * ({@code durable-db.data-dir}), the SQLite settings of every connection, the
 * {@link InstanceRegistry} that opens, caches and closes instances, and the
 * {@link InstanceTransactions} every action runs through.
 */
@AutoConfiguration
@ConditionalOnClass(SQLiteConnection.class)
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbInstanceAutoConfiguration {

	@Bean
	InstanceFiles durableDbInstanceFiles(DurableDbProperties properties) throws IOException {
		InstanceFiles files = new InstanceFiles(properties.dataDir());
		Files.createDirectories(files.dataDir());
		return files;
	}

	/**
	 * SQLite checkpoints by itself unless an observer follows the files (replication does,
	 * and checkpoints only what it shipped). Looked up by name: the observer itself needs
	 * these connections.
	 */
	@Bean
	SqliteConnections durableDbSqliteConnections(DurableDbProperties properties, ListableBeanFactory beans) {
		boolean followed = beans.getBeanNamesForType(InstanceObserver.class, true, false).length > 0;
		return new SqliteConnections(properties.sqlite().toSettings(!followed));
	}

	@Bean
	FileSwapJournal durableDbFileSwapJournal(InstanceFiles files) {
		return new FileSwapJournal(files);
	}

	@Bean
	InstanceRegistry durableDbInstanceRegistry(DatabaseCatalog catalog, InstanceFiles files,
			SqliteConnections connections, InstanceProvisioner provisioner, FileSwapJournal swaps,
			ObjectProvider<InstanceObserver> observers, DurableDbProperties properties) {
		return new InstanceRegistry(catalog, files, connections, provisioner, swaps,
				InstanceObserver.all(observers.orderedStream().toList()),
				new InstanceRegistry.RegistrySettings(properties.instances().maxOpen(),
						properties.instances().idleTimeout(), properties.instances().readers(),
						properties.action().lockTimeout(), properties.tenant().autoCreate(),
						properties.instances().dataDirWait()));
	}

	@Bean
	InstanceTransactions durableDbInstanceTransactions(InstanceRegistry registry, InstanceFiles files,
			ObjectProvider<CommitListener> commitListeners) {
		return new InstanceTransactions(registry, CommitListener.all(commitListeners.orderedStream().toList()),
				files.dataDir());
	}

}
