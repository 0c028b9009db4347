package dev.durabledb.benchmarks;

import java.nio.file.Path;
import java.util.Map;

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.instance.SqliteConnections;
import dev.durabledb.migration.EagerMigration;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.tenant.DurableTenants;

import org.springframework.context.ConfigurableApplicationContext;

/** Eager migration of many existing tenants to a changelog with one more changeset. */
final class MigrationBenchmarks {

	private MigrationBenchmarks() {
	}

	static void run(Bench bench) throws Exception {
		int tenants = bench.sizes().migrationTenants();
		Path folder = bench.newFolder("migration");
		try (ConfigurableApplicationContext context = bench.start(folder, Map.of())) {
			DurableTenants directory = context.getBean(DurableTenants.class);
			for (int i = 0; i < tenants; i++) {
				directory.create("m" + i);
			}
		}
		try (ConfigurableApplicationContext context = bench.start(folder,
				Map.of("durable-db.databases.bench.changelog", "classpath:bench/changelog-v2.yaml"))) {
			EagerMigration eager = new EagerMigration(context.getBean(DatabaseCatalog.class),
					context.getBean(InstanceFiles.class), context.getBean(InstanceRegistry.class),
					context.getBean(SchemaMigrations.class), context.getBean(SqliteConnections.class), 0);
			long start = System.nanoTime();
			int failed = eager.migrateAll();
			double seconds = (System.nanoTime() - start) / 1e9;
			if (failed > 0) {
				throw new AssertionError(failed + " tenants failed to migrate");
			}
			bench.results().result("migration.eager_" + tenants + "_tenants", tenants / seconds, "tenants/s");
		}
	}

}
