package dev.durabledb.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.FileSystemUtils;

/**
 * The data dir and backup folder of one test context: both in a new temporary folder,
 * deleted with everything in it when the context closes (after the starter has closed its
 * files and released the data dir).
 */
final class TestFolders implements DisposableBean {

	static final String BEAN_NAME = "durableDbTestFolders";

	private final Path root;

	private TestFolders(Path root) {
		this.root = root;
	}

	static TestFolders create() {
		try {
			return new TestFolders(Files.createTempDirectory("durable-db-test-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a temporary folder for durable-db's test data", ex);
		}
	}

	Path dataDir() {
		return this.root.resolve("data");
	}

	Path backupDir() {
		return this.root.resolve("backups");
	}

	/** The properties that point the starter at these folders. */
	Map<String, Object> properties() {
		return Map.of("durable-db.data-dir", dataDir().toString(), "durable-db.backup.file.dir",
				backupDir().toString());
	}

	@Override
	public void destroy() throws IOException {
		FileSystemUtils.deleteRecursively(this.root);
	}

}
