package dev.durabledb.test;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.durabledb.instance.InstanceFiles;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test context gets its own temporary data dir and backup folder, whatever the
 * application's configuration says, and they go with the context.
 */
@SpringBootTest
class TestFoldersTests {

	@Autowired
	InstanceFiles files;

	@Autowired
	TestTenants tenants;

	@Value("${durable-db.backup.file.dir}")
	Path backupDir;

	@Test
	void theDataDirAndTheBackupFolderAreTemporaryNotTheApplications() {
		Path temporary = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
		assertThat(this.files.dataDir()).startsWith(temporary);
		assertThat(this.backupDir.getParent()).isEqualTo(this.files.dataDir().getParent());
		this.tenants.create("acme");
		assertThat(this.files.dataDir().resolve("notes/acme.db")).isRegularFile();
		assertThat(Path.of("must-not-be-used")).doesNotExist();
		assertThat(Path.of("must-not-be-used-backups")).doesNotExist();
	}

	@Test
	void theFoldersAreDeletedWhenTheContextCloses() {
		Path dataDir;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SupportTestApplication.class)
			.web(WebApplicationType.NONE)
			.initializers((app) -> new DurableDbTestContextCustomizer().customizeContext(app,
					new MergedContextConfiguration(getClass(), null, null, null, null)))
			.run()) {
			context.getBean(TestTenants.class).create("acme");
			dataDir = context.getBean(InstanceFiles.class).dataDir();
			assertThat(dataDir.resolve("notes/acme.db")).isRegularFile();
		}
		assertThat(dataDir.getParent()).doesNotExist();
		assertThat(Files.exists(Path.of("must-not-be-used"))).isFalse();
	}

}
