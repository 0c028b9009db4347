package dev.durabledb.test;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.durabledb.backup.BackupOperations;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test method starts with no tenants, no global data and no backups, whatever the
 * one before it left (the context is the same: Spring caches it).
 */
@SpringBootTest
class CleanTenantsTests {

	@Autowired
	TenantDirectory directory;

	@Autowired
	TestTenants tenants;

	@Autowired
	NoteActions notes;

	@Autowired
	CounterActions counters;

	@Autowired
	BackupOperations backups;

	@Value("${durable-db.backup.file.dir}")
	Path backupDir;

	@RepeatedTest(3)
	void eachTestStartsFromNothing() throws Exception {
		assertThat(this.directory.list()).isEmpty();
		assertThat(this.counters.increment("visits")).isOne();
		assertThat(!Files.isDirectory(this.backupDir) || isEmpty(this.backupDir)).isTrue();

		this.tenants.create("acme", "globex");
		Tenants.run("acme", () -> this.notes.add("left behind"));
		this.backups.backup("notes", "acme");
		assertThat(this.directory.list()).containsExactly("acme", "globex");
	}

	private static boolean isEmpty(Path folder) throws java.io.IOException {
		try (var entries = Files.list(folder)) {
			return entries.findAny().isEmpty();
		}
	}

}
