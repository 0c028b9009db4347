package dev.durabledb.export;

import java.nio.file.Path;

import dev.durabledb.fixtures.StarterConfigurations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbExportAutoConfigurationTests {

	@TempDir
	Path root;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(StarterConfigurations.backups())
			.withPropertyValues("durable-db.data-dir=" + this.root.resolve("data"),
					"durable-db.backup.file.dir=" + this.root.resolve("backups"));
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
