package dev.durabledb.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.durabledb.instance.InstanceKey;
import dev.durabledb.migration.SchemaInspector;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Migrations of existing tenants: eager migration of many tenants to a changelog with a
 * five-changeset step; one tenant with the whole 20-changeset changelog pending, replayed
 * against Liquibase {@code update}; and the first action on a tenant one step behind
 * against the first action on a tenant that is current.
 */
final class MigrationBenchmarks {

	private static final String STEP = "classpath:bench/changelog-step.yaml";

	private static final String EMPTY = "classpath:bench/changelog-v0.yaml";

	/** The 20 changesets of {@code bench/changes-base.yaml}'s size by hand: a table and a row each. */
	private static final List<String> RAW_BASE = java.util.stream.IntStream.rangeClosed(1, 20)
		.boxed()
		.flatMap((i) -> java.util.stream.Stream.of(
				"CREATE TABLE raw_" + i + " (id INTEGER PRIMARY KEY, name TEXT, created_at TEXT)",
				changelogRow("0" + i, i)))
		.toList();

	/**
	 * How many tenants eager migration, and its raw floor, work on at once: the starter's
	 * default ({@code durable-db.migration.parallelism=0}) unless told otherwise.
	 */
	private static final int PARALLELISM = Integer.getInteger("bench.parallelism",
			Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

	/** {@code bench/changes-step.yaml} by hand, with a row per changeset as Liquibase keeps. */
	private static final List<String> RAW_STEP = List.of("ALTER TABLE items ADD COLUMN note TEXT",
			"CREATE INDEX items_note ON items(note)",
			"CREATE TABLE labels (id INTEGER NOT NULL, name TEXT, CONSTRAINT PK_LABELS PRIMARY KEY (id))",
			"UPDATE items SET note = substr(v, 1, 8)", "INSERT INTO labels (id, name) VALUES (1, 'default')",
			changelogRow("031-items-note", 21), changelogRow("032-items-note-index", 22), changelogRow("033-labels", 23),
			changelogRow("034-items-note-fill", 24), changelogRow("035-default-label", 25));

	private MigrationBenchmarks() {
	}

	static void run(Bench bench) throws Exception {
		eager(bench);
		replayVsLiquibase(bench);
		lazyOpen(bench);
	}

	private static void eager(Bench bench) throws Exception {
		int tenants = bench.sizes().migrationTenants();
		Path folder = bench.newFolder("migration");
		try (ConfigurableApplicationContext context = bench.start(folder, Map.of())) {
			TenantDirectory directory = context.getBean(TenantDirectory.class);
			for (int i = 0; i < tenants; i++) {
				directory.create("m" + i);
			}
		}
		Path raw = Files.createDirectories(folder.resolve("raw"));
		for (int i = 0; i < tenants; i++) {
			Files.copy(folder.resolve("data/bench/m0.db"), raw.resolve("m" + i + ".db"));
		}
		// Eager migration runs while the application starts: its cost is the start with it
		// minus the same start without it (lazy mode opens no tenant; both find the new
		// template built, by the first).
		Map<String, Object> step = Map.of("durable-db.databases.bench.changelog", STEP);
		long lazy = timeStart(bench, folder, step);
		Map<String, Object> eager = new HashMap<>(step);
		eager.put("durable-db.migration.mode", "eager");
		eager.put("durable-db.migration.parallelism", PARALLELISM);
		long withEager = timeStart(bench, folder, eager);
		try (ConfigurableApplicationContext context = bench.start(folder, step)) {
			SchemaInspector inspector = context.getBean(SchemaInspector.class);
			for (int i = 0; i < tenants; i++) {
				if (!inspector.status(new InstanceKey("bench", "m" + i)).upToDate()) {
					throw new AssertionError("tenant m" + i + " was not migrated");
				}
			}
		}
		double seconds = Math.max(1, withEager - lazy) / 1e9;
		bench.results().result("migration.eager_tenants_per_s", tenants / seconds, "tenants/s", 1000, false);
		double rawPerSecond = rawStep(raw, tenants, PARALLELISM);
		bench.results().result("migration.raw_step_tenants_per_s", rawPerSecond, "tenants/s");
		bench.results().ratio("migration.eager_vs_raw_step", tenants / seconds / rawPerSecond, 0.80, false);
	}

	/**
	 * The floor of eager migration on this disk, without durable-db: the same five changes
	 * and five bookkeeping rows written by hand, on copies of the same tenant, one
	 * transaction per file, as many files at once as the eager run.
	 */
	private static double rawStep(Path folder, int tenants, int parallelism) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(parallelism);
		List<Future<?>> done = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < tenants; i++) {
			Path file = folder.resolve("m" + i + ".db");
			done.add(pool.submit(() -> {
				openAndApply(file, RAW_STEP, null).close();
				return null;
			}));
		}
		for (Future<?> future : done) {
			future.get(10, TimeUnit.MINUTES);
		}
		double perSecond = tenants / ((System.nanoTime() - start) / 1e9);
		pool.shutdown();
		return perSecond;
	}

	/**
	 * One tenant with all 20 changesets pending: the starter's migration (a replay) against
	 * Liquibase {@code update} on a copy of the same file.
	 */
	private static void replayVsLiquibase(Bench bench) throws Exception {
		int count = bench.sizes().liquibaseOps() * 2;
		Path folder = bench.newFolder("replay");
		try (ConfigurableApplicationContext context = bench.start(folder,
				Map.of("durable-db.databases.bench.changelog", EMPTY))) {
			TenantDirectory directory = context.getBean(TenantDirectory.class);
			for (int i = 0; i < count; i++) {
				directory.create("r" + i);
			}
		}
		Path copies = Files.createDirectories(folder.resolve("liquibase"));
		for (int i = 0; i < count; i++) {
			Files.copy(folder.resolve("data/bench/r" + i + ".db"), copies.resolve("l" + i + ".db"));
		}
		Path floor = Files.createDirectories(folder.resolve("raw"));
		for (int i = 0; i < count; i++) {
			Files.copy(folder.resolve("data/bench/r" + i + ".db"), floor.resolve("f" + i + ".db"));
		}
		double[] replay = new double[count];
		double[] liquibase = new double[count];
		double[] raw = new double[count];
		try (ConfigurableApplicationContext context = bench.start(folder, Map.of())) {
			SchemaMigrations migrations = context.getBean(SchemaMigrations.class);
			for (int i = 0; i < count; i++) {
				InstanceKey key = new InstanceKey("bench", "r" + i);
				long start = System.nanoTime();
				migrations.migrate(key, folder.resolve("data/bench/r" + i + ".db"), false);
				replay[i] = System.nanoTime() - start;
				start = System.nanoTime();
				try (Connection connection = RawSqlite.open(copies.resolve("l" + i + ".db"))) {
					LiquibaseBaseline.update(connection);
				}
				liquibase[i] = System.nanoTime() - start;
				start = System.nanoTime();
				openAndApply(floor.resolve("f" + i + ".db"), RAW_BASE, null).close();
				raw[i] = System.nanoTime() - start;
			}
			if (!context.getBean(SchemaInspector.class).status(new InstanceKey("bench", "r0")).upToDate()) {
				throw new AssertionError("tenant r0 was not migrated");
			}
		}
		// The first rounds warm the JIT up for both.
		double[] replayMeasured = java.util.Arrays.copyOfRange(replay, count / 2, count);
		double[] liquibaseMeasured = java.util.Arrays.copyOfRange(liquibase, count / 2, count);
		bench.results().result("migration.replay_20_changesets", Measure.median(replayMeasured) / 1000, "us/op");
		bench.results().result("migration.liquibase_20_changesets", Measure.median(liquibaseMeasured) / 1000, "us/op");
		bench.results().ratio("migration.replay_vs_liquibase",
				Measure.median(replayMeasured) / Measure.median(liquibaseMeasured), 0.05, true);
		// The floor: the same number of statements by hand, one transaction, on the same disk.
		double rawMedian = Measure.median(java.util.Arrays.copyOfRange(raw, count / 2, count));
		bench.results().result("migration.raw_20_changesets", rawMedian / 1000, "us/op");
		bench.results().ratio("migration.raw_vs_liquibase", rawMedian / Measure.median(liquibaseMeasured), 0.05, true);
	}

	/**
	 * The first action (a point read) on a closed tenant one step behind, which migrates it
	 * on the way, against the first action on a closed tenant that is current.
	 */
	private static void lazyOpen(Bench bench) throws Exception {
		int count = bench.sizes().tenantOps();
		Path folder = bench.newFolder("lazy");
		try (ConfigurableApplicationContext context = bench.start(folder, Map.of())) {
			TenantDirectory directory = context.getBean(TenantDirectory.class);
			for (int i = 0; i < count; i++) {
				directory.create("behind" + i);
			}
		}
		try (ConfigurableApplicationContext context = bench.start(folder,
				Map.of("durable-db.databases.bench.changelog", STEP))) {
			TenantDirectory directory = context.getBean(TenantDirectory.class);
			BenchActions actions = context.getBean(BenchActions.class);
			for (int i = 0; i < count; i++) {
				directory.create("current" + i);
			}
			Path raw = Files.createDirectories(folder.resolve("raw"));
			for (int i = 0; i < count; i++) {
				Files.copy(folder.resolve("data/bench/behind" + i + ".db"), raw.resolve("behind" + i + ".db"));
				Files.copy(folder.resolve("data/bench/current" + i + ".db"), raw.resolve("current" + i + ".db"));
			}
			double[] behind = new double[count];
			double[] current = new double[count];
			double[] rawBehind = new double[count];
			double[] rawCurrent = new double[count];
			for (int i = 0; i < count; i++) {
				current[i] = firstRead(actions, "current" + i);
				behind[i] = firstRead(actions, "behind" + i);
				// Closed outside the clock, as the starter keeps the tenant open after its first action.
				long start = System.nanoTime();
				Connection opened = openAndApply(raw.resolve("current" + i + ".db"), List.of(), BenchActions.SELECT);
				rawCurrent[i] = System.nanoTime() - start;
				opened.close();
				start = System.nanoTime();
				opened = openAndApply(raw.resolve("behind" + i + ".db"), RAW_STEP, BenchActions.SELECT);
				rawBehind[i] = System.nanoTime() - start;
				opened.close();
			}
			if (!context.getBean(SchemaInspector.class).status(new InstanceKey("bench", "behind0")).upToDate()) {
				throw new AssertionError("tenant behind0 was not migrated");
			}
			double[] behindMeasured = java.util.Arrays.copyOfRange(behind, count / 3, count);
			double[] currentMeasured = java.util.Arrays.copyOfRange(current, count / 3, count);
			bench.results().result("migration.lazy_first_action", Measure.median(behindMeasured) / 1000, "us/op");
			bench.results().result("migration.current_first_action", Measure.median(currentMeasured) / 1000, "us/op");
			bench.results().ratio("migration.lazy_open_vs_open",
					Measure.medianRatio(behindMeasured, currentMeasured), 3.00, true);
			// The floor: a raw open that applies the same step by hand before its read, against a raw open and read.
			bench.results().ratio("migration.raw_lazy_open_vs_open",
					Measure.medianRatio(java.util.Arrays.copyOfRange(rawBehind, count / 3, count),
							java.util.Arrays.copyOfRange(rawCurrent, count / 3, count)), 3.00, true);
		}
	}

	/**
	 * Opens {@code file} raw, runs {@code statements} in one transaction if there are any,
	 * then the point read {@code select} if given; returns the connection, still open.
	 */
	private static Connection openAndApply(Path file, List<String> statements, @Nullable String select)
			throws Exception {
		Connection connection = RawSqlite.open(file);
		try (Statement statement = connection.createStatement()) {
			if (!statements.isEmpty()) {
				statement.execute("BEGIN IMMEDIATE");
				for (String sql : statements) {
					statement.execute(sql);
				}
				statement.execute("COMMIT");
			}
			if (select != null) {
				try (java.sql.PreparedStatement read = connection.prepareStatement(select)) {
					read.setString(1, "k");
					read.executeQuery().close();
				}
			}
		}
		catch (Exception ex) {
			connection.close();
			throw ex;
		}
		return connection;
	}

	private static String changelogRow(String id, int order) {
		return "INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION,"
				+ " COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('" + id
				+ "', 'bench', 'bench/changes-step.yaml', CURRENT_TIMESTAMP, " + order
				+ ", '9:00000000000000000000000000000000', 'sql', '', 'EXECUTED', NULL, NULL, '5.0.3', '0000000000')";
	}

	private static double firstRead(BenchActions actions, String tenant) {
		long start = System.nanoTime();
		Tenants.call(tenant, () -> actions.getWithJdbcClient("k"));
		return System.nanoTime() - start;
	}

	private static long timeStart(Bench bench, Path folder, Map<String, Object> properties) throws Exception {
		long start = System.nanoTime();
		try (ConfigurableApplicationContext context = bench.start(folder, properties)) {
			return System.nanoTime() - start;
		}
	}

}
