package dev.durabledb.export;

import java.nio.file.Path;

import dev.durabledb.fixtures.TestApplications;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbExportAutoConfigurationTests {

	@TempDir
	Path root;

	private ApplicationContextRunner runner() {
		return TestApplications.starterWithBackups(this.root);
	}

	@Test
	void exportsAndArchivesAreOnWithBackups() {
		runner().run((context) -> assertThat(context).hasSingleBean(ExportOperations.class)
			.hasSingleBean(ArchiveWriter.class));
	}

	@Test
	void theyCopyTenantDataSoTheyAreOffWithBackups() {
		runner().withPropertyValues("durable-db.backup.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ExportOperations.class)
				.doesNotHaveBean(ArchiveWriter.class));
	}

}
