package dev.durabledb.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.durabledb.instance.InstanceKey;
import dev.durabledb.migration.SchemaInspector;
import dev.durabledb.tenant.TenantDirectory;

import org.springframework.context.ConfigurableApplicationContext;

/** Eager migration of many existing tenants to a changelog with one more changeset. */
final class MigrationBenchmarks {

	private MigrationBenchmarks() {
	}

	static void run(Bench bench) throws Exception {
		int tenants = bench.sizes().migrationTenants();
		Path folder = bench.newFolder("migration");
		try (ConfigurableApplicationContext context = bench.start(folder, Map.of())) {
			TenantDirectory directory = context.getBean(TenantDirectory.class);
			for (int i = 0; i < tenants; i++) {
				directory.create("m" + i);
			}
		}
		// Eager migration runs while the application starts: its cost is the start with it
		// minus the same start without it (lazy mode opens no tenant).
		Map<String, Object> v2 = Map.of("durable-db.databases.bench.changelog", "classpath:bench/changelog-v2.yaml");
		long lazy = timeStart(bench, folder, v2);
		Map<String, Object> eager = new HashMap<>(v2);
		eager.put("durable-db.migration.mode", "eager");
		long withEager = timeStart(bench, folder, eager);
		try (ConfigurableApplicationContext context = bench.start(folder, v2)) {
			SchemaInspector inspector = context.getBean(SchemaInspector.class);
			for (int i = 0; i < tenants; i++) {
				if (!inspector.status(new InstanceKey("bench", "m" + i)).upToDate()) {
					throw new AssertionError("tenant m" + i + " was not migrated");
				}
			}
		}
		double seconds = Math.max(1, withEager - lazy) / 1e9;
		bench.results().result("migration.eager_" + tenants + "_tenants", tenants / seconds, "tenants/s");
	}

	private static long timeStart(Bench bench, Path folder, Map<String, Object> properties) throws Exception {
		long start = System.nanoTime();
		try (ConfigurableApplicationContext context = bench.start(folder, properties)) {
			return System.nanoTime() - start;
		}
	}

}
