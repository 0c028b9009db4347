package dev.durabledb.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The output of {@code --quick} parses: every figure line has the documented form, and the
 * JSON file holds the same figures. Runs one scenario only: the benchmarks themselves are
 * not part of the test command.
 */
class BenchmarkOutputTests {

	private static final Pattern RESULT = Pattern.compile("RESULT [a-z0-9_.]+ -?\\d+\\.\\d{4} [A-Za-z/%]+");

	private static final Pattern RATIO = Pattern.compile("RATIO [a-z0-9_.]+ -?\\d+\\.\\d{4}");

	@TempDir
	Path results;

	@Test
	void quickOutputParses() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int failures = BenchmarkMain.run(new String[] { "--quick", "--scenarios=actions" },
				new PrintStream(bytes, true, StandardCharsets.UTF_8), this.results);

		assertThat(failures).isZero();
		List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
		List<String> results = lines.stream().filter((line) -> line.startsWith("RESULT ")).toList();
		List<String> ratios = lines.stream().filter((line) -> line.startsWith("RATIO ")).toList();
		assertThat(results).isNotEmpty().allMatch((line) -> RESULT.matcher(line).matches());
		assertThat(ratios).isNotEmpty().allMatch((line) -> RATIO.matcher(line).matches());
		assertThat(ratios).anyMatch((line) -> line.startsWith("RATIO insert.action_vs_raw "))
			.anyMatch((line) -> line.startsWith("RATIO select.action_vs_transaction "));

		String jsonLine = lines.stream().filter((line) -> line.startsWith("JSON ")).findFirst().orElseThrow();
		Path json = Path.of(jsonLine.substring("JSON ".length()));
		assertThat(json).startsWith(this.results.toAbsolutePath());
		JsonNode figures = JsonMapper.builder().build().readTree(Files.readString(json)).get("figures");
		assertThat(figures.size()).isEqualTo(results.size() + ratios.size());
		for (JsonNode figure : figures) {
			assertThat(figure.get("name").asString()).isNotBlank();
			assertThat(figure.get("value").isNumber()).isTrue();
		}
	}

	@Test
	void withoutAPostgresServerThePeersAndTheClusterAreSkippedWithAReason() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		System.setProperty("peer.postgres.url", "jdbc:postgresql://127.0.0.1:9/none");
		int failures;
		try {
			failures = BenchmarkMain.run(new String[] { "--quick", "--scenarios=peers,cluster" },
					new PrintStream(bytes, true, StandardCharsets.UTF_8), this.results);
		}
		finally {
			System.clearProperty("peer.postgres.url");
		}
		assertThat(failures).isZero();
		List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines.stream().filter((line) -> line.startsWith("SKIP peer."))).hasSize(3)
			.allMatch((line) -> line.contains("no PostgreSQL at jdbc:postgresql://127.0.0.1:9/none"));
		assertThat(lines).noneMatch((line) -> line.startsWith("RATIO peer.") || line.startsWith("RESULT peer."));
		assertThat(lines.stream().filter((line) -> line.startsWith("SKIP cluster.")))
			.extracting((line) -> line.substring(0, line.indexOf(':')))
			.containsExactly("SKIP cluster.remote_vs_local", "SKIP cluster.takeover");
		assertThat(lines.stream().filter((line) -> line.startsWith("SKIP cluster.")))
			.allMatch((line) -> line.contains("no PostgreSQL at jdbc:postgresql://127.0.0.1:9/none"));
		assertThat(lines).noneMatch((line) -> line.startsWith("RATIO cluster.") || line.startsWith("RESULT cluster."));
	}

	@Test
	void anUnknownScenarioOrOptionIsRefusedBeforeAnythingRuns() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkMain.run(new String[] { "--scenarios=actions,nope" }, out, this.results))
			.withMessage("Unknown scenario 'nope'; the scenarios are actions, tenants, throughput, backup, replication, migration, peers, cluster");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkMain.run(new String[] { "--quik" }, out, this.results))
			.withMessage("Unknown option '--quik'");
		assertThat(bytes.size()).isZero();
		try (var written = Files.list(this.results)) {
			assertThat(written).isEmpty();
		}
	}

}
