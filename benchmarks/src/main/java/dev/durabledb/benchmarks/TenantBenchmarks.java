package dev.durabledb.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tenants coming to life: creating one (a copy of the template) against copying a file
 * and opening it raw, and against Liquibase building the 20-changeset schema on an empty
 * file; opening an existing, up-to-date tenant for its first action against a raw open
 * with a select, and against a raw open with a Liquibase update that finds nothing to do.
 */
final class TenantBenchmarks {

	private TenantBenchmarks() {
	}

	static void run(Bench bench) throws Exception {
		Sizes sizes = bench.sizes();
		Path folder = bench.newFolder("tenants");
		try (ConfigurableApplicationContext context = bench.start(folder, Map.of())) {
			TenantDirectory tenants = context.getBean(TenantDirectory.class);
			BenchActions actions = context.getBean(BenchActions.class);
			tenants.create("first");
			Path template = Bench.template(folder);
			Path rawFolder = Files.createDirectories(folder.resolve("raw"));

			double[] create = Measure.nanosPerOp(sizes.warmups(), sizes.rounds(), sizes.tenantOps(),
					(round, ops) -> {
						for (int i = 0; i < ops; i++) {
							tenants.create("c" + (round + 100) + "-" + i);
						}
					});
			double[] copy = Measure.nanosPerOp(sizes.warmups(), sizes.rounds(), sizes.tenantOps(), (round, ops) -> {
				List<Connection> opened = new ArrayList<>(ops);
				try {
					for (int i = 0; i < ops; i++) {
						Path file = rawFolder.resolve("c" + (round + 100) + "-" + i + ".db");
						Files.copy(template, file);
						opened.add(RawSqlite.open(file));
					}
				}
				finally {
					closeAll(opened);
				}
			});
			int[] nextEmpty = { 0 };
			double[] liquibase = liquibaseUpdates(sizes, () -> rawFolder.resolve("lb" + nextEmpty[0]++ + ".db"));
			double createMedian = Measure.median(create);
			bench.results().result("tenant.create", createMedian / 1000, "us/op");
			bench.results().result("tenant.copy_and_open", Measure.median(copy) / 1000, "us/op");
			bench.results().result("tenant.liquibase_build", Measure.median(liquibase) / 1000, "us/op");
			bench.results().ratio("tenant.create_vs_copy", createMedian / Measure.median(copy), 1.50, true);
			bench.results().ratio("tenant.create_vs_liquibase", createMedian / Measure.median(liquibase), 0.05, true);

			// Existing, up-to-date tenants that this process never opened.
			int perRound = sizes.tenantOps();
			int total = (sizes.warmups() + sizes.rounds()) * perRound;
			for (int i = 0; i < total; i++) {
				tenants.create("o" + i);
				Files.copy(template, rawFolder.resolve("o" + i + ".db"));
			}
			int[] next = { 0 };
			double[] open = Measure.nanosPerOp(sizes.warmups(), sizes.rounds(), perRound, (round, ops) -> {
				for (int i = 0; i < ops; i++) {
					try (Tenants.Binding binding = Tenants.bind("o" + next[0]++)) {
						actions.get("k");
					}
				}
			});
			int[] nextRaw = { 0 };
			double[] rawOpen = rawOpens(sizes, () -> rawFolder.resolve("o" + nextRaw[0]++ + ".db"));
			// The same raw opens while as many other files are open as the starter keeps open
			// now: SQLite's unix VFS walks a list of every open file on each open, so an open
			// costs more the more files the process holds, whoever holds them.
			int held = context.getBean(InstanceRegistry.class).openInstances();
			double[] rawOpenAmongOpen = rawOpensWhileHolding(sizes, template, rawFolder, held);
			int[] nextLiquibase = { 0 };
			double[] liquibaseOpen = liquibaseUpdates(sizes,
					() -> rawFolder.resolve("o" + nextLiquibase[0]++ + ".db"));
			double openMedian = Measure.median(open);
			bench.results().result("tenant.open", openMedian / 1000, "us/op");
			bench.results().result("tenant.raw_open", Measure.median(rawOpen) / 1000, "us/op");
			bench.results().result("tenant.liquibase_nothing_to_do", Measure.median(liquibaseOpen) / 1000, "us/op");
			bench.results().ratio("tenant.open_vs_raw", openMedian / Measure.median(rawOpen), 1.50, true);
			bench.results().result("tenant.raw_open_among_" + held + "_open", Measure.median(rawOpenAmongOpen) / 1000,
					"us/op");
			bench.results().result("tenant.open_vs_raw_among_open", openMedian / Measure.median(rawOpenAmongOpen),
					"ratio");
			bench.results().ratio("tenant.open_vs_liquibase", openMedian / Measure.median(liquibaseOpen), 0.10, true);
		}
	}

	/** Raw opens with a select, as {@code tenant.raw_open}, while {@code held} other raw connections stay open. */
	private static double[] rawOpensWhileHolding(Sizes sizes, Path template, Path rawFolder, int held)
			throws Exception {
		List<Connection> holding = new ArrayList<>(held);
		try {
			for (int i = 0; i < held; i++) {
				Path file = rawFolder.resolve("held" + i + ".db");
				Files.copy(template, file);
				Connection connection = RawSqlite.open(file);
				holding.add(connection);
				selectOne(connection);
			}
			int total = (sizes.warmups() + sizes.rounds()) * sizes.tenantOps();
			for (int i = 0; i < total; i++) {
				Files.copy(template, rawFolder.resolve("among" + i + ".db"));
			}
			int[] next = { 0 };
			return rawOpens(sizes, () -> rawFolder.resolve("among" + next[0]++ + ".db"));
		}
		finally {
			closeAll(holding);
		}
	}

	/**
	 * Times raw opens of the files {@code files} names, each with the point read, the
	 * round's connections closed at its end.
	 */
	private static double[] rawOpens(Sizes sizes, Supplier<Path> files) throws Exception {
		return Measure.nanosPerOp(sizes.warmups(), sizes.rounds(), sizes.tenantOps(), (round, ops) -> {
			List<Connection> opened = new ArrayList<>(ops);
			try {
				for (int i = 0; i < ops; i++) {
					Connection connection = RawSqlite.open(files.get());
					opened.add(connection);
					selectOne(connection);
				}
			}
			finally {
				closeAll(opened);
			}
		});
	}

	private static void selectOne(Connection connection) throws java.sql.SQLException {
		try (PreparedStatement select = connection.prepareStatement("SELECT v FROM items WHERE k = ?")) {
			select.setString(1, "k");
			try (ResultSet result = select.executeQuery()) {
				result.next();
			}
		}
	}

	/**
	 * Times a raw open and a Liquibase {@code update} of the next file {@code files} names,
	 * once per operation: on an empty file it builds the schema, on a migrated one it finds
	 * nothing to do.
	 */
	private static double[] liquibaseUpdates(Sizes sizes, Supplier<Path> files) throws Exception {
		return Measure.nanosPerOp(1, sizes.rounds(), sizes.liquibaseOps(), (round, ops) -> {
			for (int i = 0; i < ops; i++) {
				try (Connection connection = RawSqlite.open(files.get())) {
					LiquibaseBaseline.update(connection);
				}
			}
		});
	}

	private static void closeAll(List<Connection> connections) throws java.sql.SQLException {
		for (Connection connection : connections) {
			connection.close();
		}
	}

}
