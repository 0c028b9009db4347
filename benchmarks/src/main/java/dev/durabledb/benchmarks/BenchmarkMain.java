package dev.durabledb.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the benchmarks:
 *
 * <pre>
 * java -jar benchmarks/target/durable-db-benchmarks.jar [--quick] [--scenarios=actions,tenants,...]
 * </pre>
 *
 * Every figure is printed as {@code RESULT <scenario> <value> <unit>} or
 * {@code RATIO <name> <value>} as soon as it is known, then as a table, and written as JSON
 * to a file whose path is printed last.
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	/** The scenarios, in the order they run. */
	static Map<String, Scenario> scenarios() {
		Map<String, Scenario> scenarios = new LinkedHashMap<>();
		scenarios.put("actions", ActionBenchmarks::run);
		scenarios.put("tenants", TenantBenchmarks::run);
		scenarios.put("throughput", ThroughputBenchmarks::run);
		scenarios.put("backup", BackupBenchmarks::run);
		scenarios.put("replication", ReplicationBenchmarks::run);
		scenarios.put("migration", MigrationBenchmarks::run);
		scenarios.put("peers", PeerBenchmarks::run);
		scenarios.put("cluster", ClusterBenchmarks::run);
		return scenarios;
	}

	public static void main(String[] args) throws Exception {
		int failures;
		try {
			failures = run(args, System.out, Path.of("benchmark-results"));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println("Usage: java -jar durable-db-benchmarks.jar [--quick] [--scenarios="
					+ String.join(",", scenarios().keySet()) + "]");
			System.exit(2);
			return;
		}
		System.exit((failures > 0) ? 1 : 0);
	}

	/**
	 * Runs and reports; returns how many scenarios failed to run.
	 * @throws IllegalArgumentException for an unknown option or scenario, before anything runs
	 */
	static int run(String[] args, PrintStream out, Path resultsFolder) throws Exception {
		Options options = Options.parse(args);
		boolean quick = options.quick();
		List<String> selected = options.scenarios();
		Sizes sizes = quick ? Sizes.quick() : Sizes.full();
		Results results = new Results(out);
		Path root = Files.createTempDirectory("durable-db-benchmarks");
		out.println("durable-db benchmarks (" + (quick ? "quick" : "full") + "), " + Runtime.getRuntime().availableProcessors()
				+ " processors, Java " + System.getProperty("java.version") + ", work folder " + root);
		int failures = 0;
		try {
			Bench bench = new Bench(sizes, results, root);
			for (Map.Entry<String, Scenario> scenario : scenarios().entrySet()) {
				if (!selected.isEmpty() && !selected.contains(scenario.getKey())) {
					continue;
				}
				long start = System.nanoTime();
				try {
					scenario.getValue().run(bench);
				}
				catch (Exception | AssertionError ex) {
					failures++;
					out.println("FAILED " + scenario.getKey() + ": " + ex);
					ex.printStackTrace(out);
				}
				out.println("# " + scenario.getKey() + " took " + (System.nanoTime() - start) / 1_000_000_000 + " s");
			}
		}
		finally {
			deleteTree(root);
		}
		results.printTable();
		Path json = results.writeJson(resultsFolder.resolve("durable-db-benchmarks-" + Instant.now().toString().replace(':', '-')
				+ ".json"), quick ? "quick" : "full");
		out.println("JSON " + json.toAbsolutePath());
		return failures;
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	/**
	 * The command line.
	 *
	 * @param quick whether to run the quick sizes
	 * @param scenarios the scenarios to run; empty for all
	 */
	record Options(boolean quick, List<String> scenarios) {

		static Options parse(String[] args) {
			boolean quick = false;
			List<String> scenarios = new ArrayList<>();
			for (String argument : args) {
				if (argument.equals("--quick")) {
					quick = true;
				}
				else if (argument.startsWith("--scenarios=")) {
					for (String name : argument.substring("--scenarios=".length()).split(",")) {
						if (!BenchmarkMain.scenarios().containsKey(name)) {
							throw new IllegalArgumentException("Unknown scenario '" + name + "'; the scenarios are "
									+ String.join(", ", BenchmarkMain.scenarios().keySet()));
						}
						scenarios.add(name);
					}
				}
				else {
					throw new IllegalArgumentException("Unknown option '" + argument + "'");
				}
			}
			return new Options(quick, List.copyOf(scenarios));
		}

	}

	@FunctionalInterface
	interface Scenario {

		void run(Bench bench) throws Exception;

	}

}
