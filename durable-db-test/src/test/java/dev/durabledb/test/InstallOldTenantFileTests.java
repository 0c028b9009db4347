package dev.durabledb.test;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.migration.SchemaInspector;
import dev.durabledb.tenant.InvalidTenantIdException;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

import static dev.durabledb.test.DurableDbRequests.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A tenant file an older release wrote is installed, then migrated on its next request. */
@SpringBootTest
@AutoConfigureMockMvc
class InstallOldTenantFileTests {

	@Autowired
	TestTenants tenants;

	@Autowired
	SchemaInspector inspector;

	@Autowired
	MockMvc mvc;

	@Autowired
	InstanceFiles files;

	@TempDir
	Path oldRelease;

	@Test
	void anOldTenantFileIsMigratedOnItsFirstRequestWithItsData() throws Exception {
		Path oldFile = writtenByTheOldRelease("written by v1");

		this.tenants.install("notes", "acme", oldFile);
		assertThat(this.inspector.status(new InstanceKey("notes", "acme")).pendingChangeSets())
			.containsExactly("db/durable/notes/changes/002-pinned.yaml::002-pinned::durable-db-test");

		this.mvc.perform(get("/notes").with(tenant("acme")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0]").value("written by v1:0"));
		assertThat(this.inspector.status(new InstanceKey("notes", "acme")).upToDate()).isTrue();
	}

	@Test
	void installingOverAnExistingTenantOrUnderABadIdIsRefusedAndWritesNothing() throws Exception {
		Path oldFile = writtenByTheOldRelease("old");
		this.tenants.create("acme");
		assertThatIllegalStateException().isThrownBy(() -> this.tenants.install("notes", "acme", oldFile))
			.withMessageContaining("exists already");
		this.mvc.perform(get("/notes").with(tenant("acme"))).andExpect(jsonPath("$").isEmpty());

		assertThatExceptionOfType(InvalidTenantIdException.class)
			.isThrownBy(() -> this.tenants.install("notes", "../escape", oldFile));
		try (var written = Files.walk(this.files.dataDir().getParent())) {
			assertThat(written.map(Path::toString)).noneMatch((path) -> path.contains("escape"));
		}
	}

	/** A tenant file as the release before this one left it: the first changeset only. */
	private Path writtenByTheOldRelease(String note) throws Exception {
		Path dataDir = this.oldRelease.resolve("data");
		try (ConfigurableApplicationContext v1 = new SpringApplicationBuilder(SupportTestApplication.class)
			.web(WebApplicationType.NONE)
			.run("--durable-db.data-dir=" + dataDir, "--durable-db.backup.enabled=false",
					"--durable-db.databases.notes.changelog=classpath:changelogs/notes-v1.yaml",
					"--durable-db.tenant.auto-create=true")) {
			Tenants.run("acme", () -> v1.getBean(NoteActions.class).add(note));
		}
		Path file = dataDir.resolve("notes/acme.db");
		assertThat(file).isRegularFile();
		return Files.copy(file, this.oldRelease.resolve("acme-v1-" + System.nanoTime() + ".db"));
	}

}
