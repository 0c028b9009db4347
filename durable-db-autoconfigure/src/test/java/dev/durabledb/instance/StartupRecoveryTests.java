package dev.durabledb.instance;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** What a start finds of stopped operations, and removes without touching a tenant. */
class StartupRecoveryTests {

	@TempDir
	Path dataDir;

	@Test
	void leftoversOfStoppedOperationsAreRemovedAndTenantsKept() throws Exception {
		TestApplications.withActions(this.dataDir)
			.run((context) -> Tenants.run("acme", () -> context.getBean(NoteActions.class).add("kept")));
		Path notes = this.dataDir.resolve("notes");
		Path staging = Files.createDirectories(notes.resolve(".durable-db/staging"));
		// What killed backups, restores and creations leave behind.
		Files.writeString(staging.resolve("backup-0b9e5b52-0c5b-4d2c-9a1e-41a5c3b2d9f1.db"), "a snapshot");
		Files.writeString(staging.resolve("backup-0b9e5b52-0c5b-4d2c-9a1e-41a5c3b2d9f1.db-wal"), "its log");
		Files.writeString(staging.resolve("20260101T000000000Z-00000000.restore.db.gz"), "a download");
		Files.writeString(notes.resolve(".ghost.db.tmp-3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b"), "a copy");
		Files.writeString(notes.resolve("ghost.db-wal"), "a log without its database");
		Files.writeString(notes.resolve("ghost.db-shm"), "shared memory without its database");

		TestApplications.withActions(this.dataDir).run((context) -> {
			assertThat(staging).isEmptyDirectory();
			assertThat(notes.resolve(".ghost.db.tmp-3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b")).doesNotExist();
			assertThat(notes.resolve("ghost.db-wal")).doesNotExist();
			assertThat(notes.resolve("ghost.db-shm")).doesNotExist();
			assertThat(notes.resolve("acme.db")).exists();
			assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::bodies)).containsExactly("kept");
		});
	}

	@Test
	void anArchiveLoadStoppedAfterItsChecksIsCompletedAndOneStoppedBeforeIsDropped() throws Exception {
		Path source = this.dataDir.resolveSibling(this.dataDir.getFileName() + "-source");
		TestApplications.withActions(source)
			.run((context) -> Tenants.run("loaded", () -> context.getBean(NoteActions.class).add("from the archive")));
		TestApplications.withActions(this.dataDir)
			.run((context) -> Tenants.run("local", () -> context.getBean(NoteActions.class).add("local")));
		// A load that checked every entry, moved nothing yet, and stopped.
		Path checked = Files.createDirectories(this.dataDir.resolve(".durable-db-loading-1/notes"));
		Files.copy(source.resolve("notes/loaded.db"), checked.resolve("loaded.db"));
		Files.writeString(this.dataDir.resolve(".durable-db-loading-1/ready"), "checked\n");
		// A load that stopped while it was still checking.
		Path unchecked = Files.createDirectories(this.dataDir.resolve(".durable-db-loading-2/notes"));
		Files.writeString(unchecked.resolve("half.db"), "half an entry");

		TestApplications.withActions(this.dataDir).run((context) -> {
			assertThat(Tenants.call("loaded", context.getBean(NoteActions.class)::bodies))
				.containsExactly("from the archive");
			assertThat(this.dataDir.resolve("notes/local.db")).doesNotExist();
			assertThat(this.dataDir.resolve("notes/half.db")).doesNotExist();
			assertThat(this.dataDir.resolve(".durable-db-loading-1")).doesNotExist();
			assertThat(this.dataDir.resolve(".durable-db-loading-2")).doesNotExist();
			try (var replaced = Files.walk(this.dataDir.resolve(".durable-db-replaced"))) {
				assertThat(replaced.filter((path) -> path.getFileName().toString().equals("local.db"))).hasSize(1);
			}
		});
	}

}
