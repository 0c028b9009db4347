package dev.durabledb.tenant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.durabledb.fixtures.CounterActions;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TenantDirectoryTests {

	/** Holds the data dir and nothing else, so that a file written outside it would show. */
	@TempDir
	Path root;

	Path dataDir;

	@org.junit.jupiter.api.BeforeEach
	void dataDirInsideRoot() {
		this.dataDir = this.root.resolve("data");
	}

	private ApplicationContextRunner explicitCreation() {
		return TestApplications.withActions(this.dataDir).withPropertyValues("durable-db.tenant.auto-create=false");
	}

	@Test
	void anActionForATenantThatWasNeverCreatedIsNotFoundAndCreatesNothing() {
		explicitCreation().run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			assertThatExceptionOfType(InstanceNotFoundException.class)
				.isThrownBy(() -> Tenants.run("ghost", () -> notes.add("boo")))
				.withMessage("Tenant 'ghost' does not exist");
			assertThat(this.dataDir.resolve("notes/ghost.db")).doesNotExist();
		});
	}

	@Test
	void createdTenantsCanBeUsedListedAndDeletedWithAFinalCopy() {
		explicitCreation().run((context) -> {
			TenantDirectory tenants = context.getBean(TenantDirectory.class);
			NoteActions notes = context.getBean(NoteActions.class);
			tenants.create("acme");
			tenants.create("globex");
			Tenants.run("acme", () -> notes.add("keep me"));
			assertThat(tenants.list()).containsExactly("acme", "globex");
			assertThat(tenants.exists("acme")).isTrue();

			tenants.delete("acme");

			assertThat(tenants.list()).containsExactly("globex");
			assertThat(this.dataDir.resolve("notes/acme.db")).doesNotExist();
			assertThatExceptionOfType(InstanceNotFoundException.class)
				.isThrownBy(() -> Tenants.run("acme", () -> notes.count()));
			try (var copies = Files.list(this.dataDir.resolve("notes/.durable-db/deleted"))) {
				List<Path> kept = copies.toList();
				assertThat(kept).hasSize(1);
				assertThat(GuardedMigrationRows.of(kept.get(0))).containsExactly("keep me");
			}
		});
	}

	@Test
	void deletingWithoutAFinalCopyLeavesNothing() {
		explicitCreation().run((context) -> {
			TenantDirectory tenants = context.getBean(TenantDirectory.class);
			tenants.create("acme");
			tenants.delete("acme", false);
			assertThat(tenants.list()).isEmpty();
			assertThat(this.dataDir.resolve("notes/.durable-db/deleted")).doesNotExist();
		});
	}

	@Test
	void creatingATenantTwiceFailsAndKeepsItsData() {
		explicitCreation().run((context) -> {
			TenantDirectory tenants = context.getBean(TenantDirectory.class);
			NoteActions notes = context.getBean(NoteActions.class);
			tenants.create("acme");
			Tenants.run("acme", () -> notes.add("precious"));
			assertThatExceptionOfType(TenantAlreadyExistsException.class).isThrownBy(() -> tenants.create("acme"));
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("precious");
		});
	}

	@Test
	void deletingAnUnknownTenantIsNotFound() {
		explicitCreation().run((context) -> assertThatExceptionOfType(InstanceNotFoundException.class)
			.isThrownBy(() -> context.getBean(TenantDirectory.class).delete("ghost")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "../escape", "/etc/passwd", "a/b", "a\\b", "nul\u0000byte", ".", "..", "é",
			"x234567890123456789012345678901234567890123456789012345678901234", "", " acme" })
	void invalidIdsAreRejectedEverywhereAndWriteNothing(String id) throws Exception {
		explicitCreation().withPropertyValues("durable-db.tenant.auto-create=true").run((context) -> {
			TenantDirectory tenants = context.getBean(TenantDirectory.class);
			NoteActions notes = context.getBean(NoteActions.class);
			assertThatExceptionOfType(InvalidTenantIdException.class).isThrownBy(() -> tenants.create(id));
			assertThatExceptionOfType(InvalidTenantIdException.class)
				.isThrownBy(() -> Tenants.run(id, () -> notes.add("x")));
			assertThat(tenants.list()).isEmpty();
		});
		try (var everything = Files.walk(this.root)) {
			// Only the templates that startup builds from the changelogs.
			assertThat(everything.filter((path) -> path.toString().endsWith(".db"))).allSatisfy(
					(path) -> assertThat(path.getParent().getFileName()).hasToString("templates"));
		}
	}

	@Test
	void anActionWithNoTenantBoundFailsClearly() {
		explicitCreation().run((context) -> assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> context.getBean(NoteActions.class).count())
			.withMessageContaining("No tenant"));
	}

	@Test
	void aGlobalDatabaseNeedsNoTenant() {
		explicitCreation().run((context) -> {
			dev.durabledb.fixtures.CounterActions counters = context.getBean(dev.durabledb.fixtures.CounterActions.class);
			counters.increment("visits");
			Tenants.run("acme", () -> counters.increment("visits"));
			assertThat(counters.value("visits")).isEqualTo(2);
			assertThat(this.dataDir.resolve("counters/global.db")).isRegularFile();
		});
	}

	/** Reads the notes of a database file directly. */
	static final class GuardedMigrationRows {

		static List<String> of(Path file) throws java.sql.SQLException {
			List<String> rows = new java.util.ArrayList<>();
			try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
					var result = connection.createStatement().executeQuery("SELECT body FROM notes ORDER BY id")) {
				while (result.next()) {
					rows.add(result.getString(1));
				}
			}
			return rows;
		}

	}

}
