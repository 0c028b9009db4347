package dev.durabledb.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.SplittableRandom;

import dev.durabledb.tenant.DurableTenants;
import dev.durabledb.tenant.Tenants;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One-row writes and point reads: a write action inserting one row against a raw insert
 * and commit on one connection; a read-only action selecting by key against a raw prepared
 * select. Both baselines reuse one prepared statement, as careful code would.
 */
final class ActionBenchmarks {

	private static final String VALUE = Bench.value(100);

	private ActionBenchmarks() {
	}

	static void run(Bench bench) throws Exception {
		Sizes sizes = bench.sizes();
		Path folder = bench.newFolder("actions");
		try (ConfigurableApplicationContext context = bench.start(folder, Map.of())) {
			BenchActions actions = context.getBean(BenchActions.class);
			context.getBean(DurableTenants.class).create("writer");
			Path raw = folder.resolve("raw.db");
			Files.copy(Bench.template(folder), raw);
			try (Connection connection = RawSqlite.open(raw)) {
				connection.setAutoCommit(false);
				try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items (k, v) VALUES (?, ?)")) {
					double[] durable = new double[sizes.rounds()];
					double[] baseline = new double[sizes.rounds()];
					// Rounds alternate between the two, so that drift hits both alike.
					for (int round = -sizes.warmups(); round < sizes.rounds(); round++) {
						int r = round;
						double rawNanos = Measure.nanosPerOp(0, 1, sizes.ops(), (ignored, ops) -> {
							for (int i = 0; i < ops; i++) {
								insert.setString(1, "r" + r + "-" + i);
								insert.setString(2, VALUE);
								insert.executeUpdate();
								connection.commit();
							}
						})[0];
						double actionNanos = Measure.nanosPerOp(0, 1, sizes.ops(), (ignored, ops) -> {
							try (Tenants.Binding binding = Tenants.bind("writer")) {
								for (int i = 0; i < ops; i++) {
									actions.insert("d" + r + "-" + i, VALUE);
								}
							}
						})[0];
						if (round >= 0) {
							baseline[round] = rawNanos;
							durable[round] = actionNanos;
						}
					}
					report(bench, "insert", durable, baseline, 1.10);
				}
			}
			selects(bench, actions, raw);
		}
	}

	private static void selects(Bench bench, BenchActions actions, Path raw) throws Exception {
		Sizes sizes = bench.sizes();
		int rows = 10_000;
		try (Tenants.Binding binding = Tenants.bind("writer")) {
			actions.insertBatch("s", rows, VALUE);
		}
		try (Connection connection = RawSqlite.open(raw)) {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items (k, v) VALUES (?, ?)")) {
				for (int i = 0; i < rows; i++) {
					insert.setString(1, "s" + i);
					insert.setString(2, VALUE);
					insert.executeUpdate();
				}
				connection.commit();
			}
			connection.setAutoCommit(true);
			try (PreparedStatement select = connection.prepareStatement("SELECT v FROM items WHERE k = ?")) {
				SplittableRandom random = new SplittableRandom(42);
				double[] durable = new double[sizes.rounds()];
				double[] baseline = new double[sizes.rounds()];
				for (int round = -sizes.warmups(); round < sizes.rounds(); round++) {
					double rawNanos = Measure.nanosPerOp(0, 1, sizes.ops(), (ignored, ops) -> {
						for (int i = 0; i < ops; i++) {
							select.setString(1, "s" + random.nextInt(rows));
							try (ResultSet result = select.executeQuery()) {
								result.next();
								result.getString(1);
							}
						}
					})[0];
					double actionNanos = Measure.nanosPerOp(0, 1, sizes.ops(), (ignored, ops) -> {
						try (Tenants.Binding binding = Tenants.bind("writer")) {
							for (int i = 0; i < ops; i++) {
								actions.get("s" + random.nextInt(rows));
							}
						}
					})[0];
					if (round >= 0) {
						baseline[round] = rawNanos;
						durable[round] = actionNanos;
					}
				}
				report(bench, "select", durable, baseline, 1.30);
			}
			// Not a target: the same select as a raw read transaction (BEGIN ... COMMIT), which is
			// what a read-only action guarantees and autocommit does not: one snapshot for all
			// its statements. It shows how much of select.action is the transaction itself.
			connection.setAutoCommit(false);
			try (PreparedStatement select = connection.prepareStatement("SELECT v FROM items WHERE k = ?")) {
				SplittableRandom random = new SplittableRandom(7);
				double[] inTransaction = Measure.nanosPerOp(sizes.warmups(), sizes.rounds(), sizes.ops(), (round, ops) -> {
					for (int i = 0; i < ops; i++) {
						select.setString(1, "s" + random.nextInt(rows));
						try (ResultSet result = select.executeQuery()) {
							result.next();
							result.getString(1);
						}
						connection.commit();
					}
				});
				bench.results().result("select.raw_in_transaction", Measure.median(inTransaction) / 1000, "us/op");
			}
		}
	}

	private static void report(Bench bench, String name, double[] durable, double[] baseline, double target) {
		double durableMedian = Measure.median(durable);
		double baselineMedian = Measure.median(baseline);
		bench.results().result(name + ".action", durableMedian / 1000, "us/op");
		bench.results().result(name + ".raw", baselineMedian / 1000, "us/op");
		bench.results().ratio(name + ".action_vs_raw", durableMedian / baselineMedian, target, true);
	}

}
