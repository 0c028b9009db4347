package dev.durabledb.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary folders for the demo's tests. */
final class DemoFiles {

	private DemoFiles() {
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
