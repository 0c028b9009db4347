package dev.durabledb.instance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.durabledb.actuate.DurableDbHealthAutoConfiguration;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real full file system: a 4 MiB {@code tmpfs} as the data dir. Needs a machine where
 * the tests may mount one (root, as on CI); elsewhere {@link StorageFullTests} covers the
 * same path with SQLite's own page limit.
 */
class FullFileSystemTests {

	@TempDir
	Path root;

	private Path mount;

	private boolean mounted;

	@BeforeEach
	void mountSmallFileSystem() throws Exception {
		this.mount = Files.createDirectories(this.root.resolve("small"));
		this.mounted = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", this.mount.toString());
		assumeTrue(this.mounted, "cannot mount a tmpfs here (needs root)");
	}

	@AfterEach
	void unmount() throws Exception {
		if (this.mounted) {
			run("umount", this.mount.toString());
		}
	}

	@Test
	void aFullDiskIsStorageFullNothingAcknowledgedIsLostAndWritesResumeWhenSpaceReturns() throws Exception {
		Path filler = this.mount.resolve("filler");
		Files.write(filler, new byte[1 << 20]);
		TestApplications.withActions(this.mount.resolve("data"))
			.withConfiguration(AutoConfigurations.of(DurableDbHealthAutoConfiguration.class))
			.withPropertyValues("durable-db.health.free-space-threshold=512KB")
			.run((context) -> {
				NoteActions notes = context.getBean(NoteActions.class);
				HealthIndicator health = context.getBean(HealthIndicator.class);
				assertThat(health.health(false).getStatus()).isEqualTo(Status.UP);
				int acknowledged = StorageFullTests.writeUntilFull(notes);
				assertThat(health.health(false).getStatus()).isEqualTo(Status.DOWN);
				assertThatExceptionOfType(StorageFullException.class)
					.isThrownBy(() -> context.getBean(TenantDirectory.class).create("newcomer"));

				Files.delete(filler);

				Tenants.run("acme", () -> notes.add("after"));
				assertThat(Tenants.call("acme", notes::count)).isEqualTo(acknowledged + 1);
				assertThat(health.health(false).getStatus()).isEqualTo(Status.UP);
			});
	}

	private static boolean run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
	}

}
