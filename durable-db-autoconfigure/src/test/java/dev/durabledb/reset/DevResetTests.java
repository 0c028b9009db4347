package dev.durabledb.reset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.durabledb.backup.BackupOperations;
import dev.durabledb.backup.BackupSweep;
import dev.durabledb.database.UnknownDatabaseException;
import dev.durabledb.fixtures.CounterActions;
import dev.durabledb.fixtures.InFlightWrite;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.migration.SchemaInspector;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Dev reset through its Java API, on real files. */
class DevResetTests {

	@TempDir
	Path dataDir;

	private ApplicationContextRunner app() {
		return TestApplications.withActions(this.dataDir);
	}

	private ApplicationContextRunner enabled() {
		return app().withPropertyValues("durable-db.dev.reset=true");
	}

	@Test
	void everyOperationIsRefusedUnlessEnabledAndNothingIsTouched() {
		app().run((context) -> {
			write(context, "acme", "one", "two");
			context.getBean(CounterActions.class).increment("visits");
			DevReset reset = context.getBean(DevReset.class);
			assertThat(reset.isEnabled()).isFalse();

			List<Runnable> calls = List.of(() -> reset.reset("notes"), reset::resetAll, () -> reset.purge("notes"),
					reset::purgeAll);
			for (Runnable call : calls) {
				assertThatExceptionOfType(DevResetDisabledException.class).isThrownBy(call::run)
					.withMessageContaining("durable-db.dev.reset=true");
			}

			assertThat(bodies(context, "acme")).containsExactly("one", "two");
			assertThat(context.getBean(CounterActions.class).value("visits")).isEqualTo(1);
			assertThat(this.dataDir.resolve("notes/.durable-db/reset")).doesNotExist();
			assertThat(this.dataDir.resolve("counters/.durable-db/reset")).doesNotExist();
		});
	}

	@Test
	void everyTenantStillExistsEmptyAtTheCurrentSchemaAndTheOldFilesAreAside() {
		enabled().run((context) -> {
			write(context, "acme", "one", "two");
			write(context, "globex", "theirs");
			context.getBean(CounterActions.class).increment("visits");
			// A pre-migration snapshot holds the old data too; the reset drops it.
			Path snapshot = Files.createDirectories(this.dataDir.resolve("notes/.durable-db/snapshots"))
				.resolve("acme.db.pre-migration");
			Files.copy(this.dataDir.resolve("notes/acme.db"), snapshot);

			ResetResult result = context.getBean(DevReset.class).reset("notes");

			assertThat(result.database()).isEqualTo("notes");
			assertThat(result.instances()).extracting(ResetResult.InstanceReset::id).containsExactly("acme", "globex");
			assertThat(result.instances()).extracting(ResetResult.InstanceReset::undoBookmark).containsOnlyNulls();
			assertThat(result.asideFolder()).startsWith(".durable-db/reset/");
			assertThat(context.getBean(TenantDirectory.class).list()).containsExactly("acme", "globex");
			assertThat(count(context, "acme")).isZero();
			assertThat(count(context, "globex")).isZero();
			SchemaInspector inspector = context.getBean(SchemaInspector.class);
			assertThat(inspector.status(new InstanceKey("notes", "acme")).upToDate()).isTrue();
			assertThat(inspector.status(new InstanceKey("notes", "acme")).pendingChangeSets()).isEmpty();
			assertThat(snapshot).doesNotExist();
			// Its tables are there: the tenant is usable at once.
			write(context, "acme", "after the reset");
			assertThat(bodies(context, "acme")).containsExactly("after the reset");

			Path aside = this.dataDir.resolve("notes").resolve(result.asideFolder());
			assertThat(rows(aside.resolve("acme.db"))).containsExactly("one", "two");
			assertThat(rows(aside.resolve("globex.db"))).containsExactly("theirs");
			// Another database is not touched.
			assertThat(context.getBean(CounterActions.class).value("visits")).isEqualTo(1);
			assertThat(leftovers()).isEmpty();
		});
	}

	@Test
	void aResetWaitsForTheActionInFlightWhoseCommitIsInTheOldFile() {
		enabled().run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			write(context, "acme", "before");
			InFlightWrite write = InFlightWrite.start(notes, "acme", "in flight");
			CompletableFuture<ResetResult> reset = new CompletableFuture<>();
			Thread resetting = new Thread(() -> {
				try {
					reset.complete(context.getBean(DevReset.class).reset("notes"));
				}
				catch (Throwable ex) {
					reset.completeExceptionally(ex);
				}
			});
			try {
				resetting.start();
				// The reset waits for the action's instance (a timed wait), or did not wait at all.
				Awaitility.await()
					.atMost(Duration.ofSeconds(30))
					.until(() -> resetting.getState() == Thread.State.TIMED_WAITING || reset.isDone());
				assertThat(reset).as("the reset ended while an action was in flight").isNotDone();
			}
			finally {
				write.release();
			}
			assertThat(write.result()).isPositive();
			ResetResult result = reset.get(30, TimeUnit.SECONDS);

			assertThat(rows(this.dataDir.resolve("notes").resolve(result.asideFolder()).resolve("acme.db")))
				.containsExactly("before", "in flight");
			assertThat(count(context, "acme")).isZero();
		});
	}

	@Test
	void purgeDeletesTheSetAsideFilesAndNothingElse() {
		enabled().run((context) -> {
			write(context, "acme", "one");
			write(context, "globex", "theirs");
			DevReset reset = context.getBean(DevReset.class);
			ResetResult first = reset.reset("notes");
			write(context, "acme", "between");
			ResetResult second = reset.reset("notes");
			assertThat(second.asideFolder()).isNotEqualTo(first.asideFolder());

			PurgeResult purged = reset.purge("notes");

			assertThat(purged.database()).isEqualTo("notes");
			assertThat(purged.files()).isEqualTo(4);
			assertThat(purged.bytes()).isPositive();
			assertThat(this.dataDir.resolve("notes/.durable-db/reset")).isEmptyDirectory();
			assertThat(context.getBean(TenantDirectory.class).list()).containsExactly("acme", "globex");
			write(context, "acme", "kept");
			assertThat(bodies(context, "acme")).containsExactly("kept");
			assertThat(reset.purge("notes").files()).isZero();
		});
	}

	@Test
	void theNextScheduledBackupBacksTheResetInstanceUp(@TempDir Path backups) {
		TestApplications.withBackups(this.dataDir, backups).withPropertyValues("durable-db.dev.reset=true")
			.run((context) -> {
				write(context, "acme", "one");
				BackupSweep sweep = context.getBean(BackupSweep.class);
				assertThat(sweep.runScheduled().backedUp()).isEqualTo(1);
				assertThat(sweep.runScheduled().backedUp()).as("unchanged").isZero();

				context.getBean(DevReset.class).reset("notes");

				assertThat(sweep.runScheduled().backedUp()).as("reset, so changed").isEqualTo(1);
				BackupOperations operations = context.getBean(BackupOperations.class);
				write(context, "acme", "after");
				operations.restore("notes", "acme", operations.list("notes", "acme").get(0).id());
				assertThat(count(context, "acme")).isZero();
			});
	}

	@Test
	void anUnknownDatabaseIsRefusedAndNothingIsCreated() {
		enabled().run((context) -> {
			write(context, "acme", "one");
			DevReset reset = context.getBean(DevReset.class);

			assertThatExceptionOfType(UnknownDatabaseException.class).isThrownBy(() -> reset.reset("nope"))
				.withMessageContaining("nope");
			assertThatExceptionOfType(UnknownDatabaseException.class).isThrownBy(() -> reset.purge("nope"));

			assertThat(this.dataDir.resolve("nope")).doesNotExist();
			assertThat(bodies(context, "acme")).containsExactly("one");
		});
	}

	@Test
	void resetAllGivesEveryDatabaseFreshFiles() {
		enabled().run((context) -> {
			write(context, "acme", "one");
			CounterActions counters = context.getBean(CounterActions.class);
			counters.increment("visits");
			counters.increment("visits");

			List<ResetResult> results = context.getBean(DevReset.class).resetAll();

			assertThat(results).extracting(ResetResult::database).containsExactly("counters", "notes");
			assertThat(results.get(0).instances()).extracting(ResetResult.InstanceReset::id)
				.containsExactly(InstanceKey.GLOBAL);
			assertThat(counters.value("visits")).isZero();
			assertThat(count(context, "acme")).isZero();
			counters.increment("visits");
			assertThat(counters.value("visits")).isEqualTo(1);
			assertThat(this.dataDir.resolve("counters").resolve(results.get(0).asideFolder()).resolve("global.db"))
				.isRegularFile();

			List<PurgeResult> purged = context.getBean(DevReset.class).purgeAll();
			assertThat(purged).extracting(PurgeResult::files).containsExactly(1, 1);
		});
	}

	@Test
	void aDatabaseWithNoInstanceHasNothingToResetAndNoFolderIsMade() {
		enabled().run((context) -> {
			ResetResult result = context.getBean(DevReset.class).reset("counters");

			assertThat(result.instances()).isEmpty();
			assertThat(result.asideFolder()).isNull();
			assertThat(this.dataDir.resolve("counters/.durable-db/reset")).doesNotExist();
			assertThat(this.dataDir.resolve("counters/global.db")).doesNotExist();
		});
	}

	private List<Path> leftovers() throws Exception {
		List<Path> left = new ArrayList<>();
		for (String folder : List.of("staging", "swaps")) {
			Path dir = this.dataDir.resolve("notes/.durable-db").resolve(folder);
			if (Files.isDirectory(dir)) {
				try (Stream<Path> files = Files.list(dir)) {
					files.forEach(left::add);
				}
			}
		}
		return left;
	}

	static void write(ApplicationContext context, String tenant, String... bodies) {
		NoteActions notes = context.getBean(NoteActions.class);
		for (String body : bodies) {
			Tenants.run(tenant, () -> notes.add(body));
		}
	}

	static List<String> bodies(ApplicationContext context, String tenant) {
		return Tenants.call(tenant, context.getBean(NoteActions.class)::bodies);
	}

	static int count(ApplicationContext context, String tenant) {
		return Tenants.call(tenant, context.getBean(NoteActions.class)::count);
	}

	/** The notes in a file the application does not hold: a set-aside one. */
	static List<String> rows(Path file) throws Exception {
		List<String> bodies = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT body FROM notes ORDER BY id")) {
			while (rows.next()) {
				bodies.add(rows.getString(1));
			}
		}
		return bodies;
	}

}
