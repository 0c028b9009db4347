package dev.durabledb.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

/** What every scenario gets: sizes, results, and a fresh folder per application run. */
final class Bench {

	private final Sizes sizes;

	private final Results results;

	private final Path root;

	private int runs;

	Bench(Sizes sizes, Results results, Path root) {
		this.sizes = sizes;
		this.results = results;
		this.root = root;
	}

	Sizes sizes() {
		return this.sizes;
	}

	Results results() {
		return this.results;
	}

	/** A new, empty folder for one scenario. */
	Path newFolder(String name) throws IOException {
		return Files.createDirectories(this.root.resolve(name + "-" + (++this.runs)));
	}

	ConfigurableApplicationContext start(Path folder, Map<String, Object> properties, Class<?>... configurations) {
		return BenchmarkApp.start(folder, properties, configurations);
	}

	/** The migrated template of the bench database under {@code folder}. */
	static Path template(Path folder) throws IOException {
		try (DirectoryStream<Path> templates = Files
			.newDirectoryStream(folder.resolve("data/bench/.durable-db/templates"), "*.db")) {
			return templates.iterator().next();
		}
	}

	static String value(int length) {
		StringBuilder value = new StringBuilder(length);
		java.util.SplittableRandom random = new java.util.SplittableRandom(length);
		for (int i = 0; i < length; i++) {
			value.append((char) ('a' + random.nextInt(26)));
		}
		return value.toString();
	}

}
