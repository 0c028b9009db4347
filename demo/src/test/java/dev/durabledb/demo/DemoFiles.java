package dev.durabledb.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Temporary folders for the demo's tests. */
final class DemoFiles {

	private DemoFiles() {
	}

	/** Points the data dir and the backup folder into {@code root}. */
	static void register(DynamicPropertyRegistry registry, Path root) {
		registry.add("durable-db.data-dir", () -> root.resolve("data").toString());
		registry.add("durable-db.backup.file.dir", () -> root.resolve("backups").toString());
	}

	static Path temporaryRoot() {
		try {
			Path root = Files.createTempDirectory("durable-db-demo-test");
			root.toFile().deleteOnExit();
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
