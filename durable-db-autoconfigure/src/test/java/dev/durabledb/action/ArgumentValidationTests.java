package dev.durabledb.action;

import java.nio.file.Path;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ArgumentValidationTests {

	@TempDir
	Path dataDir;

	@Test
	void invalidArgumentsFailBeforeTheInstanceIsEvenOpened() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			assertThatExceptionOfType(InvalidActionArgumentsException.class)
				.isThrownBy(() -> Tenants.run("fresh", () -> notes.add(" ")))
				.satisfies((ex) -> assertThat(ex.getConstraintViolations()).hasSize(1));
			// auto-create is on in this application, yet nothing was created: validation came first.
			assertThat(this.dataDir.resolve("notes/fresh.db")).doesNotExist();
		});
	}

	@Test
	void validArgumentsPass() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			Tenants.run("acme", () -> notes.add("fine"));
			assertThat(Tenants.call("acme", notes::count)).isEqualTo(1);
		});
	}

}
