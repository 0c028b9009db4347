package dev.durabledb.reset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.TenantDirectory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.durabledb.reset.DevResetTests.bodies;
import static dev.durabledb.reset.DevResetTests.count;
import static dev.durabledb.reset.DevResetTests.rows;
import static dev.durabledb.reset.DevResetTests.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A reset stopped at each step of its swap, as a killed process stops: no {@code catch}
 * runs (the stop is an {@link Error}), the context then closes, and a fresh one on the
 * same data dir runs the recovery a restarted process runs. The tenant is never missing:
 * it has its old file, or the fresh one with the old file set aside.
 */
class ResetCrashTests {

	@TempDir
	Path dataDir;

	private ApplicationContextRunner app() {
		return TestApplications.withActions(this.dataDir).withPropertyValues("durable-db.dev.reset=true");
	}

	@ParameterizedTest
	@EnumSource(ResetSteps.Step.class)
	void aResetStoppedAtAnyStepIsFinishedOrUndoneAtTheNextStart(ResetSteps.Step stop) {
		app().withBean(ResetSteps.class, () -> (step) -> {
			if (step == stop) {
				throw new Stopped(step);
			}
		}).run((context) -> {
			write(context, "acme", "one", "two");
			assertThatExceptionOfType(Stopped.class).isThrownBy(() -> context.getBean(DevReset.class).reset("notes"));
		});

		app().run((context) -> {
			assertThat(context.getBean(TenantDirectory.class).list()).containsExactly("acme");
			List<Path> aside = asideFiles();
			if (stop == ResetSteps.Step.SWAPPED) {
				assertThat(count(context, "acme")).as("completed").isZero();
				assertThat(aside).hasSize(1);
				assertThat(rows(aside.get(0))).containsExactly("one", "two");
			}
			else {
				assertThat(bodies(context, "acme")).as("rolled back").containsExactly("one", "two");
				assertThat(aside).isEmpty();
			}
			write(context, "acme", "served after the restart");
			assertThat(bodies(context, "acme")).endsWith("served after the restart");
			assertThat(folder("staging")).isEmpty();
			assertThat(folder("swaps")).isEmpty();
		});
	}

	@ParameterizedTest
	@org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
			"RESET   | ../../acme.db | names a file outside the reset folder: ../../acme.db",
			"EXPLODE | x/acme.db     | names no known purpose: EXPLODE" })
	void aSwapRecordThatIsNotOneAResetWritesStopsTheStartAndMovesNothing(String purpose, String aside,
			String error) throws Exception {
		app().run((context) -> write(context, "acme", "one"));
		Path record = Files.createDirectories(this.dataDir.resolve("notes/.durable-db/swaps")).resolve("acme.db.swap");
		Files.writeString(record, "instance=acme\npurpose=" + purpose + "\nreplacing=true\nstaged=reset-1.db\naside="
				+ aside + "\n");

		app().run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining(error));

		assertThat(rows(this.dataDir.resolve("notes/acme.db"))).containsExactly("one");
		Files.delete(record);
		app().run((context) -> assertThat(bodies(context, "acme")).containsExactly("one"));
	}

	private List<Path> asideFiles() throws Exception {
		Path root = this.dataDir.resolve("notes/.durable-db/reset");
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	private List<Path> folder(String name) throws Exception {
		Path dir = this.dataDir.resolve("notes/.durable-db").resolve(name);
		List<Path> left = new ArrayList<>();
		if (Files.isDirectory(dir)) {
			try (Stream<Path> files = Files.list(dir)) {
				files.forEach(left::add);
			}
		}
		return left;
	}

	/** Stands for the process being killed at a step. */
	static final class Stopped extends Error {

		Stopped(ResetSteps.Step step) {
			super("stopped at " + step);
		}

	}

}
