package dev.durabledb.action;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** One tenant never sees another's data, and JDBC handles work only inside actions. */
class IsolationTests {

	@TempDir
	Path dataDir;

	@Test
	void dataWrittenForOneTenantIsInvisibleToAnother() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			Tenants.run("acme", () -> notes.add("acme's secret"));
			Tenants.run("globex", () -> notes.add("globex's note"));

			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("acme's secret");
			assertThat(Tenants.call("globex", notes::bodies)).containsExactly("globex's note");
			assertThat(this.dataDir.resolve("notes/acme.db")).isRegularFile();
			assertThat(this.dataDir.resolve("notes/globex.db")).isRegularFile();
		});
	}

	@Test
	void idsThatDifferOnlyInCaseAreDifferentTenantsWithDifferentFiles() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			Tenants.run("acme", () -> notes.add("lower"));
			Tenants.run("ACME", () -> notes.add("upper"));
			Tenants.run("Acme", () -> notes.add("mixed"));

			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("lower");
			assertThat(Tenants.call("ACME", notes::bodies)).containsExactly("upper");
			assertThat(Tenants.call("Acme", notes::bodies)).containsExactly("mixed");
			// No two file names differ only in case, so a case-insensitive file system keeps them apart too.
			List<String> names = context.getBean(dev.durabledb.tenant.TenantDirectory.class).list();
			assertThat(names).containsExactlyInAnyOrder("acme", "ACME", "Acme");
			try (var files = java.nio.file.Files.list(this.dataDir.resolve("notes"))) {
				List<String> lowerCased = files.map((file) -> file.getFileName().toString().toLowerCase())
					.filter((name) -> name.endsWith(".db"))
					.toList();
				assertThat(lowerCased).doesNotHaveDuplicates().hasSize(3);
			}
		});
	}

	@Test
	void jdbcHandlesFailOutsideAnyAction() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			DurableDatabase notes = context.getBean("notesDurableDatabase", DurableDatabase.class);
			Tenants.run("acme", () -> {
				assertThatExceptionOfType(NoActionRunningException.class)
					.isThrownBy(() -> notes.jdbcClient().sql("SELECT count(*) FROM notes").query(Integer.class).single())
					.withMessageContaining("No @DurableAction on database 'notes' is running on this thread");
				assertThatExceptionOfType(NoActionRunningException.class)
					.isThrownBy(() -> notes.jdbcTemplate().execute("SELECT 1"))
					.withMessageContaining("No @DurableAction");
				assertThatExceptionOfType(NoActionRunningException.class)
					.isThrownBy(() -> notes.dataSource().getConnection())
					.withMessageContaining("No @DurableAction");
			});
		});
	}

	@Test
	void aConnectionKeptPastItsActionCannotBeUsed() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			DurableDatabase notesDb = context.getBean("notesDurableDatabase", DurableDatabase.class);
			Connection kept = Tenants.call("acme", () -> notes.inside(() -> notesDb.dataSource().getConnection()));
			assertThatIllegalStateException().isThrownBy(() -> kept.createStatement())
				.withMessageContaining("has ended");
		});
	}

	@Test
	void actionCommitsWhenItReturnsAndRollsBackWhenItThrows() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			Tenants.run("acme", () -> notes.add("kept"));
			Tenants.run("acme", () -> {
				try {
					notes.addThenFail("rolled back");
				}
				catch (IllegalStateException expected) {
					// the action threw after its insert
				}
			});
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("kept");
		});
	}

	@Test
	void anActionWhoseCommitFailsIsRolledBackAndTheInstanceKeepsWorking() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			DurableDatabase database = context.getBean("notesDurableDatabase", DurableDatabase.class);
			Tenants.run("acme", () -> notes.add("kept"));
			// A deferred foreign key is checked by COMMIT itself: the statements succeed, the commit fails.
			assertThatExceptionOfType(dev.durabledb.DurableDbException.class).isThrownBy(() -> Tenants.call("acme",
					() -> notes.inside(() -> {
						database.jdbcTemplate().execute("CREATE TEMP TABLE parent (id INTEGER PRIMARY KEY)");
						database.jdbcTemplate()
							.execute("CREATE TEMP TABLE child (parent INTEGER REFERENCES parent (id) "
									+ "DEFERRABLE INITIALLY DEFERRED)");
						database.jdbcTemplate().execute("INSERT INTO child VALUES (42)");
						return notes.add("rolled back");
					})))
				.withMessageContaining("Could not commit the action on 'notes/acme'")
				.havingRootCause()
				.withMessageContaining("FOREIGN KEY constraint failed");

			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("kept");
			Tenants.run("acme", () -> notes.add("after"));
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("kept", "after");
			assertThat(Tenants.call("acme", () -> notes.readingInside(() -> database.jdbcTemplate()
				.queryForObject("SELECT count(*) FROM temp.sqlite_schema", Integer.class)))).isZero();
		});
	}

	@Test
	void aSpringTransactionAroundTwoTenantsNeverCarriesOneTenantsConnectionToTheOther() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			DurableDatabase notesDb = context.getBean("notesDurableDatabase", DurableDatabase.class);
			Tenants.run("acme", () -> notes.add("acme"));
			Tenants.run("globex", () -> notes.add("globex"));
			// As inside an application's @Transactional method on its own database.
			TransactionSynchronizationManager.initSynchronization();
			try {
				List<String> acme = Tenants.call("acme", () -> notes.inside(() -> {
					DataSourceUtils.getConnection(notesDb.dataSource());
					return notesDb.jdbcClient().sql("SELECT body FROM notes").query(String.class).list();
				}));
				List<String> globex = Tenants.call("globex",
						() -> notes.inside(() -> notesDb.jdbcClient().sql("SELECT body FROM notes").query(String.class).list()));
				assertThat(acme).containsExactly("acme");
				assertThat(globex).containsExactly("globex");
			}
			finally {
				TransactionSynchronizationManager.clearSynchronization();
			}
		});
	}

	@Test
	void readOnlyActionsCannotWrite() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			DurableDatabase notesDb = context.getBean("notesDurableDatabase", DurableDatabase.class);
			Tenants.run("acme", () -> notes.add("one"));
			assertThat(Tenants.call("acme", () -> {
				try {
					return notes.readingInside(() -> notesDb.jdbcClient().sql("DELETE FROM notes").update());
				}
				catch (org.springframework.dao.DataAccessException ex) {
					return -1;
				}
			})).isEqualTo(-1);
			assertThat(Tenants.call("acme", notes::count)).isEqualTo(1);
		});
	}

	@Test
	void aWriteActionCalledFromAReadOnlyActionOnTheSameInstanceFails() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			Tenants.run("acme", () -> notes.add("one"));
			assertThatIllegalStateException()
				.isThrownBy(() -> Tenants.call("acme", () -> notes.readingInside(() -> notes.add("two"))))
				.withMessageContaining("read-only action");
		});
	}

	@Test
	void nestedActionOnTheSameInstanceJoinsTheOuterTransaction() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			Tenants.run("acme", () -> {
				try {
					notes.inside(() -> {
						notes.add("inner");
						assertThat(notes.count()).isEqualTo(1);
						throw new IllegalStateException("outer fails");
					});
				}
				catch (Exception expected) {
					// the outer action rolled back, and the joined inner one with it
				}
			});
			assertThat(Tenants.call("acme", notes::count)).isZero();
		});
	}

}
