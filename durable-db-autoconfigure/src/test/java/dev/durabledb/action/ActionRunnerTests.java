package dev.durabledb.action;

import java.io.IOException;
import java.nio.file.Path;

import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Running code as an action without an annotation, composed with tenant binding. */
class ActionRunnerTests {

	@TempDir
	Path dataDir;

	@Test
	void theRunnerAndTheTenantBindingComposeWithNothingToCatch() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			ActionRunner runner = context.getBean(ActionRunner.class);
			DurableDatabase notes = context.getBean("notesDurableDatabase", DurableDatabase.class);
			assertThat(writeThenCount(runner, notes)).isEqualTo(1);
		});
	}

	@Test
	void aCheckedExceptionOfTheWorkComesOutAsItIsAndRollsBack() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			ActionRunner runner = context.getBean(ActionRunner.class);
			DurableDatabase notes = context.getBean("notesDurableDatabase", DurableDatabase.class);
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> Tenants.call("acme", () -> runner.write("notes", () -> {
					notes.jdbcClient().sql("INSERT INTO notes (body) VALUES ('rolled back')").update();
					throw new IOException("the work's own");
				})))
				.withMessage("the work's own");
			assertThat(writeThenCount(runner, notes)).isEqualTo(1);
		});
	}

	/** Declares no exception: it compiles only because nothing here must be caught. */
	private static int writeThenCount(ActionRunner runner, DurableDatabase notes) {
		Tenants.run("acme", () -> runner.write("notes",
				() -> notes.jdbcClient().sql("INSERT INTO notes (body) VALUES ('x')").update()));
		return Tenants.call("acme", () -> runner.read("notes",
				() -> notes.jdbcClient().sql("SELECT count(*) FROM notes").query(Integer.class).single()));
	}

}
