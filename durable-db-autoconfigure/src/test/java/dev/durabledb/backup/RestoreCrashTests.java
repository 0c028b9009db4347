package dev.durabledb.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A restore stopped at each step of its swap, as a killed process stops: no {@code catch}
 * runs (the stop is an {@link Error}), the context then closes, and a fresh one on the
 * same data dir runs the recovery a restarted process runs. The tenant is never missing,
 * never half-restored, and an interrupted restore stays undoable.
 */
class RestoreCrashTests {

	@TempDir
	Path root;

	private ApplicationContextRunner app() {
		return TestApplications.withBackups(this.root.resolve("data"), this.root.resolve("backups"));
	}

	private ApplicationContextRunner stoppingAt(RestoreSteps.Step stop) {
		return app().withBean(RestoreSteps.class, () -> (step) -> {
			if (step == stop) {
				throw new Stopped(step);
			}
		});
	}

	@ParameterizedTest
	@EnumSource(RestoreSteps.Step.class)
	void aRestoreStoppedAtAnyStepIsFinishedOrUndoneAtTheNextStart(RestoreSteps.Step stop) {
		String[] backup = new String[1];
		stoppingAt(stop).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			write(notes, "backed up");
			backup[0] = context.getBean(BackupOperations.class).backup("notes", "acme").id();
			write(notes, "after the backup");
			assertThatExceptionOfType(Stopped.class)
				.isThrownBy(() -> context.getBean(BackupOperations.class).restore("notes", "acme", backup[0]));
		});

		app().run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			BackupOperations backups = context.getBean(BackupOperations.class);
			assertThat(context.getBean(TenantDirectory.class).list()).containsExactly("acme");
			List<String> bodies = Tenants.call("acme", notes::bodies);
			if (stop == RestoreSteps.Step.RECORDED || stop == RestoreSteps.Step.SET_ASIDE) {
				assertThat(bodies).as("rolled back").containsExactly("backed up", "after the backup");
			}
			else {
				assertThat(bodies).as("completed").containsExactly("backed up");
				BackupManifest preRestore = backups.list("notes", "acme")
					.stream()
					.filter((manifest) -> manifest.reason().equals("pre-restore"))
					.findFirst()
					.orElseThrow();
				backups.restore("notes", "acme", preRestore.id());
				assertThat(Tenants.call("acme", notes::bodies)).as("undone")
					.containsExactly("backed up", "after the backup");
			}
			write(notes, "served after the restart");
			assertThat(Tenants.call("acme", notes::bodies)).endsWith("served after the restart");
			assertThat(leftovers()).isEmpty();
		});
	}

	@org.junit.jupiter.api.Test
	void backupsRestoresAndRefusedRestoresLeaveNothingBehind() {
		app().run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			BackupOperations backups = context.getBean(BackupOperations.class);
			write(notes, "one");
			String id = backups.backup("notes", "acme").id();
			backups.restore("notes", "acme", id);
			Path data = this.root.resolve("backups/notes/acme/" + id + ".db.gz");
			Files.write(data, new byte[] { 1, 2, 3 });
			assertThatExceptionOfType(InvalidBackupException.class)
				.isThrownBy(() -> backups.restore("notes", "acme", id));
			assertThat(leftovers()).isEmpty();
		});
	}

	private List<Path> leftovers() throws IOException {
		Path internal = this.root.resolve("data/notes/.durable-db");
		List<Path> left = new java.util.ArrayList<>();
		for (String folder : List.of("staging", "swaps", "pre-restore")) {
			Path dir = internal.resolve(folder);
			if (Files.isDirectory(dir)) {
				try (Stream<Path> files = Files.list(dir)) {
					files.forEach(left::add);
				}
			}
		}
		return left;
	}

	private static void write(NoteActions notes, String body) {
		Tenants.run("acme", () -> notes.add(body));
	}

	/** Stands for the process being killed at a step. */
	static final class Stopped extends Error {

		Stopped(RestoreSteps.Step step) {
			super("stopped at " + step);
		}

	}

}
