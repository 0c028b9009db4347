package dev.durabledb.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.SplittableRandom;

import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One-row writes and point reads: a write action inserting one row against a raw insert
 * and commit on one connection; a read-only action selecting by key against a raw prepared
 * select. Both baselines reuse one prepared statement, as careful code would; the actions
 * run the same statements on the action's connection, and their {@code JdbcClient} twins
 * are timed alongside.
 */
final class ActionBenchmarks {

	private static final String VALUE = Bench.value(100);

	private static final int SELECT_ROWS = 10_000;

	private ActionBenchmarks() {
	}

	static void run(Bench bench) throws Exception {
		Path folder = bench.newFolder("actions");
		try (ConfigurableApplicationContext context = bench.start(folder, Map.of())) {
			BenchActions actions = context.getBean(BenchActions.class);
			context.getBean(TenantDirectory.class).create("writer");
			Path raw = folder.resolve("raw.db");
			Files.copy(Bench.template(folder), raw);
			Path twin = folder.resolve("raw-twin.db");
			Files.copy(Bench.template(folder), twin);
			Path instance = context.getBean(InstanceFiles.class).file(new InstanceKey("bench", "writer"));
			try (Connection connection = RawSqlite.open(raw)) {
				inserts(bench, actions, connection, instance, twin);
				fillForSelects(actions, connection);
				// Both files start the reads with an empty log: a long one slows every page lookup.
				RawSqlite.checkpoint(raw);
				RawSqlite.checkpoint(instance);
				selects(bench, actions, connection, raw);
			}
		}
	}

	/**
	 * One-row writes. Beside the target: the raw loop again on a second file
	 * ({@code insert.raw_vs_raw}), the method's own noise, which should stay near 1.
	 */
	private static void inserts(Bench bench, BenchActions actions, Connection connection, Path instance, Path twin)
			throws Exception {
		Sizes sizes = bench.sizes();
		connection.setAutoCommit(false);
		try (PreparedStatement insert = connection.prepareStatement(BenchActions.INSERT);
				Connection instanceLog = RawSqlite.open(instance);
				Connection twinConnection = RawSqlite.open(twin);
				PreparedStatement twinInsert = twinConnection.prepareStatement(BenchActions.INSERT);
				Tenants.Binding binding = Tenants.bind("writer")) {
			twinConnection.setAutoCommit(false);
			Connection[] logs = { connection, instanceLog, instanceLog, twinConnection };
			long[] next = new long[1];
			double[] checkpoints = new double[sizes.oneRowWarmups() + sizes.oneRowRounds()];
			int[] checkpointed = new int[1];
			// SQLite checkpoints the log every 1,000 pages (about 470 of these commits): a few
			// milliseconds of syncs, the same work on both sides, that would land in one round
			// and not the next by chance. Each round starts from an empty log, outside the clock,
			// and holds fewer commits than a checkpoint needs. That measures the cost of each
			// side's own work and leaves out a cost both pay, which makes the ratio stricter.
			double[][] nanos = Measure.alternatingAfter((body) -> {
				long start = System.nanoTime();
				restartLog(logs[body]);
				if (body == 0) {
					checkpoints[checkpointed[0]++] = System.nanoTime() - start;
				}
			}, sizes.oneRowWarmups(), sizes.oneRowRounds(), sizes.writeOps(), (ops) -> {
				for (int i = 0; i < ops; i++) {
					insert.setString(1, "r" + next[0]++);
					insert.setString(2, VALUE);
					insert.executeUpdate();
					connection.commit();
				}
			}, (ops) -> {
				for (int i = 0; i < ops; i++) {
					actions.insert("d" + next[0]++, VALUE);
				}
			}, (ops) -> {
				for (int i = 0; i < ops; i++) {
					actions.insertWithJdbcClient("j" + next[0]++, VALUE);
				}
			}, (ops) -> {
				for (int i = 0; i < ops; i++) {
					twinInsert.setString(1, "t" + next[0]++);
					twinInsert.setString(2, VALUE);
					twinInsert.executeUpdate();
					twinConnection.commit();
				}
			});
			report(bench, "insert", nanos);
			bench.results().ratio("insert.action_vs_raw", Measure.medianRatio(nanos[1], nanos[0]), 1.10, true);
			bench.results().result("insert.raw_vs_raw", Measure.medianRatio(nanos[3], nanos[0]), "ratio");
			bench.results().result("insert.checkpoint_per_round", Measure.median(checkpoints) / 1_000_000, "ms");
		}
		connection.setAutoCommit(true);
	}

	/**
	 * Checkpoints through {@code connection}, in auto-commit for the moment: sqlite-jdbc opens
	 * the next transaction as soon as one commits, and a checkpoint cannot wait for its own
	 * connection's.
	 */
	private static void restartLog(Connection connection) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(true);
		RawSqlite.restartLog(connection);
		connection.setAutoCommit(autoCommit);
	}

	/** The same rows on both sides, for the point reads. */
	private static void fillForSelects(BenchActions actions, Connection connection) throws SQLException {
		try (Tenants.Binding binding = Tenants.bind("writer")) {
			actions.insertBatch("s", SELECT_ROWS, VALUE);
		}
		connection.setAutoCommit(false);
		try (PreparedStatement insert = connection.prepareStatement(BenchActions.INSERT)) {
			for (int i = 0; i < SELECT_ROWS; i++) {
				insert.setString(1, "s" + i);
				insert.setString(2, VALUE);
				insert.executeUpdate();
			}
			connection.commit();
		}
		connection.setAutoCommit(true);
	}

	/**
	 * Point reads. Beside the target, and not part of it: the raw select inside a read
	 * transaction ({@code BEGIN}, select, {@code COMMIT} on a second raw connection), which
	 * is what a read-only action guarantees and auto-commit does not: one snapshot for all
	 * its statements. It shows what the transaction alone costs.
	 */
	private static void selects(Bench bench, BenchActions actions, Connection connection, Path raw) throws Exception {
		Sizes sizes = bench.sizes();
		SplittableRandom random = new SplittableRandom(42);
		try (Connection reader = RawSqlite.openForReads(raw);
				PreparedStatement select = connection.prepareStatement(BenchActions.SELECT);
				PreparedStatement selectInTransaction = reader.prepareStatement(BenchActions.SELECT);
				Tenants.Binding binding = Tenants.bind("writer")) {
			reader.setAutoCommit(false);
			double[][] nanos = Measure.alternating(sizes.oneRowWarmups(), sizes.oneRowRounds(), sizes.readOps(), (ops) -> {
				for (int i = 0; i < ops; i++) {
					selectOne(select, "s" + random.nextInt(SELECT_ROWS));
				}
			}, (ops) -> {
				for (int i = 0; i < ops; i++) {
					actions.get("s" + random.nextInt(SELECT_ROWS));
				}
			}, (ops) -> {
				for (int i = 0; i < ops; i++) {
					actions.getWithJdbcClient("s" + random.nextInt(SELECT_ROWS));
				}
			}, (ops) -> {
				for (int i = 0; i < ops; i++) {
					selectOne(selectInTransaction, "s" + random.nextInt(SELECT_ROWS));
					reader.commit();
				}
			});
			report(bench, "select", nanos);
			bench.results().result("select.action_vs_raw", Measure.medianRatio(nanos[1], nanos[0]), "ratio");
			bench.results().result("select.raw_in_transaction", Measure.median(nanos[3]) / 1000, "us/op");
			bench.results().result("select.transaction_vs_raw", Measure.medianRatio(nanos[3], nanos[0]), "ratio");
			// The target: a read action is a read transaction, so its floor is the raw select
			// inside one, not the auto-commit select.
			bench.results().ratio("select.action_vs_transaction", Measure.medianRatio(nanos[1], nanos[3]), 1.05, true);
			reader.setAutoCommit(true);
		}
	}

	/** The raw point read: what {@link BenchActions#get} does inside an action. */
	private static void selectOne(PreparedStatement select, String key) throws SQLException {
		select.setString(1, key);
		try (ResultSet result = select.executeQuery()) {
			result.next();
			result.getString(1);
		}
	}

	/**
	 * {@code nanos}: per round, the raw baseline, the action, the action through
	 * {@code JdbcClient}. The ratios compare each action round with the baseline round
	 * next to it: the machine's speed drifts between rounds far more than within two.
	 */
	private static void report(Bench bench, String name, double[][] nanos) {
		bench.results().result(name + ".action", Measure.median(nanos[1]) / 1000, "us/op");
		bench.results().result(name + ".raw", Measure.median(nanos[0]) / 1000, "us/op");
		bench.results().result(name + ".action_jdbc_client", Measure.median(nanos[2]) / 1000, "us/op");
	}

}
