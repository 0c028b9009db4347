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
import dev.durabledb.tenant.DurableTenants;
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
			context.getBean(DurableTenants.class).create("writer");
			Path raw = folder.resolve("raw.db");
			Files.copy(Bench.template(folder), raw);
			try (Connection connection = RawSqlite.open(raw)) {
				inserts(bench, actions, connection);
				fillForSelects(actions, connection);
				// Both files start the reads with an empty log: a long one slows every page lookup.
				RawSqlite.checkpoint(raw);
				RawSqlite.checkpoint(context.getBean(InstanceFiles.class).file(new InstanceKey("bench", "writer")));
				selects(bench, actions, connection);
				selectsInTransaction(bench, connection);
			}
		}
	}

	private static void inserts(Bench bench, BenchActions actions, Connection connection) throws Exception {
		Sizes sizes = bench.sizes();
		connection.setAutoCommit(false);
		try (PreparedStatement insert = connection.prepareStatement(BenchActions.INSERT);
				Tenants.Binding binding = Tenants.bind("writer")) {
			long[] next = new long[1];
			// Short rounds, four times as many: a commit now and then runs SQLite's checkpoint, whose
			// syncs take milliseconds on this disk, and many short alternating rounds spread those
			// over both sides instead of letting a few slow syncs decide a round.
			double[][] nanos = Measure.alternating(sizes.warmups() * 4, sizes.rounds() * 4, sizes.writeOps(), (ops) -> {
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
			});
			report(bench, "insert", nanos, 1.10);
		}
		connection.setAutoCommit(true);
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

	private static void selects(Bench bench, BenchActions actions, Connection connection) throws Exception {
		Sizes sizes = bench.sizes();
		SplittableRandom random = new SplittableRandom(42);
		try (PreparedStatement select = connection.prepareStatement(BenchActions.SELECT);
				Tenants.Binding binding = Tenants.bind("writer")) {
			double[][] nanos = Measure.alternating(sizes.warmups(), sizes.rounds(), sizes.readOps(), (ops) -> {
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
			});
			report(bench, "select", nanos, 1.30);
		}
	}

	/**
	 * Not a target: the same select in a raw read transaction ({@code setAutoCommit(false)},
	 * select, {@code commit()}), which is what a read-only action guarantees and auto-commit
	 * does not: one snapshot for all its statements. It shows what the transaction itself
	 * costs.
	 */
	private static void selectsInTransaction(Bench bench, Connection connection) throws Exception {
		Sizes sizes = bench.sizes();
		SplittableRandom random = new SplittableRandom(7);
		connection.setAutoCommit(false);
		try (PreparedStatement select = connection.prepareStatement(BenchActions.SELECT)) {
			double[][] nanos = Measure.alternating(sizes.warmups(), sizes.rounds(), sizes.readOps(), (ops) -> {
				for (int i = 0; i < ops; i++) {
					selectOne(select, "s" + random.nextInt(SELECT_ROWS));
					connection.commit();
				}
			});
			bench.results().result("select.raw_in_transaction", Measure.median(nanos[0]) / 1000, "us/op");
		}
		connection.setAutoCommit(true);
	}

	/** The raw point read: what {@link BenchActions#get} does inside an action. */
	private static void selectOne(PreparedStatement select, String key) throws SQLException {
		select.setString(1, key);
		try (ResultSet result = select.executeQuery()) {
			result.next();
			result.getString(1);
		}
	}

	/** {@code nanos}: per round, the raw baseline, the action, the action through {@code JdbcClient}. */
	private static void report(Bench bench, String name, double[][] nanos, double target) {
		double baseline = Measure.median(nanos[0]);
		double action = Measure.median(nanos[1]);
		bench.results().result(name + ".action", action / 1000, "us/op");
		bench.results().result(name + ".raw", baseline / 1000, "us/op");
		bench.results().ratio(name + ".action_vs_raw", action / baseline, target, true);
		bench.results().result(name + ".action_jdbc_client", Measure.median(nanos[2]) / 1000, "us/op");
	}

}
