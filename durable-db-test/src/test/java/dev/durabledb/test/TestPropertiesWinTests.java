package dev.durabledb.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.durabledb.instance.InstanceFiles;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A data dir the test sets itself wins over the temporary one. */
@SpringBootTest
class TestPropertiesWinTests {

	static final Path DATA_DIR = temporaryFolder();

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("durable-db.data-dir", DATA_DIR::toString);
	}

	@Autowired
	InstanceFiles files;

	@Test
	void theTestsOwnDataDirIsUsed() {
		assertThat(this.files.dataDir()).isEqualTo(DATA_DIR);
	}

	private static Path temporaryFolder() {
		try {
			return Files.createTempDirectory("durable-db-own-data-dir").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
