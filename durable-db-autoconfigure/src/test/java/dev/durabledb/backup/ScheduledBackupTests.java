package dev.durabledb.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durabledb.fixtures.ForwardingObjectStore;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.file.FileObjectStore;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduledBackupTests {

	@TempDir
	Path root;

	private ApplicationContextRunner app() {
		return TestApplications.withBackups(this.root.resolve("data"), this.root.resolve("backups"));
	}

	@Test
	void aFailingStoreIsRetriedWithBackoffUntilItWorks() {
		FlakyStore store = new FlakyStore(new FileObjectStore(this.root.resolve("backups")), 2);
		app().withBean(ObjectStore.class, () -> store).run((context) -> {
			Tenants.run("acme", () -> context.getBean(NoteActions.class).add("one"));

			BackupSweepResult run = context.getBean(BackupSweep.class).runScheduled();

			assertThat(run.backedUp()).isEqualTo(1);
			assertThat(run.failed()).isZero();
			assertThat(store.attempts).hasValue(3);
			assertThat(new BackupStore(store).list("notes", "acme")).hasSize(1);
		});
	}

	@Test
	void aStoreThatKeepsFailingIsReportedAfterTheRetries() {
		FlakyStore store = new FlakyStore(new FileObjectStore(this.root.resolve("backups")), Integer.MAX_VALUE);
		app().withBean(ObjectStore.class, () -> store).run((context) -> {
			Tenants.run("acme", () -> context.getBean(NoteActions.class).add("one"));

			BackupSweepResult run = context.getBean(BackupSweep.class).runScheduled();

			assertThat(run.failed()).isEqualTo(1);
			assertThat(run.failures()).singleElement().asString().contains("notes/acme");
			assertThat(store.attempts).hasValue(4);
			assertThat(context.getBean(BackupSweep.class).lastScheduledRun()).isEqualTo(run);
		});
	}

	@Test
	void unchangedInstancesAreSkipped() {
		app().run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			for (String tenant : List.of("a", "b", "c")) {
				Tenants.run(tenant, () -> notes.add("first"));
			}
			BackupSweep runner = context.getBean(BackupSweep.class);
			// The global counters database has no file yet: three instances.
			assertThat(runner.runScheduled().backedUp()).isEqualTo(3);

			BackupSweepResult unchanged = runner.runScheduled();
			assertThat(unchanged.backedUp()).isZero();
			assertThat(unchanged.skipped()).isEqualTo(3);

			Tenants.run("b", () -> notes.add("second"));
			BackupSweepResult oneChanged = runner.runScheduled();
			assertThat(oneChanged.backedUp()).isEqualTo(1);
			assertThat(oneChanged.skipped()).isEqualTo(2);
			assertThat(context.getBean(BackupOperations.class).list("notes", "b")).hasSize(2);
		});
	}

	@Test
	void aNewProcessKnowsTheLastBackupsFromTheStore() {
		app().run((context) -> {
			Tenants.run("a", () -> context.getBean(NoteActions.class).add("first"));
			context.getBean(BackupSweep.class).runScheduled();
		});
		app().run((context) -> assertThat(context.getBean(BackupSweep.class).runScheduled().skipped()).isEqualTo(1));
	}

	@Test
	void aWriteRightAfterABackupIsNeverMissed() {
		app().run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			BackupSweep runner = context.getBean(BackupSweep.class);
			Tenants.run("acme", () -> notes.add("0"));
			runner.runScheduled();
			for (int i = 1; i <= 20; i++) {
				String body = Integer.toString(i);
				Tenants.run("acme", () -> notes.add(body));
				assertThat(runner.runScheduled().backedUp()).as("write " + i).isEqualTo(1);
			}
			assertThat(runner.runScheduled().backedUp()).isZero();
		});
	}

	@Test
	void aNewProcessComparesChangeMarkersAndSeesItsOwnWrites() {
		app().run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			Tenants.run("a", () -> notes.add("first"));
			Tenants.run("b", () -> notes.add("first"));
			context.getBean(BackupSweep.class).runScheduled();
		});
		app().run((context) -> {
			Tenants.run("a", () -> context.getBean(NoteActions.class).add("second"));
			BackupSweepResult run = context.getBean(BackupSweep.class).runScheduled();
			assertThat(run.backedUp()).isEqualTo(1);
			assertThat(run.skipped()).isEqualTo(1);
			assertThat(context.getBean(BackupOperations.class).list("notes", "a")).hasSize(2);
		});
	}

	@Test
	void aRestoredInstanceIsBackedUpOnTheNextRun() {
		app().run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			BackupOperations backups = context.getBean(BackupOperations.class);
			BackupSweep runner = context.getBean(BackupSweep.class);
			Tenants.run("acme", () -> notes.add("one"));
			BackupManifest first = backups.backup("notes", "acme");
			Tenants.run("acme", () -> notes.add("two"));
			runner.runScheduled();
			backups.restore("notes", "acme", first.id());
			BackupSweepResult run = runner.runScheduled();
			assertThat(run.backedUp()).isEqualTo(1);
		});
	}

	@Test
	void retentionKeepsTheNewestBackups() {
		app().withPropertyValues("durable-db.backup.retention.keep-last=2").run((context) -> {
			Tenants.run("acme", () -> context.getBean(NoteActions.class).add("one"));
			BackupOperations backups = context.getBean(BackupOperations.class);
			BackupManifest first = backups.backup("notes", "acme");
			BackupManifest second = backups.backup("notes", "acme");
			BackupManifest third = backups.backup("notes", "acme");
			assertThat(backups.list("notes", "acme")).extracting(BackupManifest::id)
				.containsExactly(third.id(), second.id())
				.doesNotContain(first.id());
		});
	}

	@Test
	void backingUpAWholeDatabaseTakesEveryInstance() {
		app().run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			Tenants.run("a", () -> notes.add("x"));
			Tenants.run("b", () -> notes.add("y"));
			BackupSweepResult run = context.getBean(BackupOperations.class).backupDatabase("notes");
			assertThat(run.backedUp()).isEqualTo(2);
			assertThat(run.backupIds()).hasSize(2);
		});
	}

	@Test
	void aScheduleStartsTheScheduler() {
		app().withPropertyValues("durable-db.backup.schedule=0 0 3 * * *")
			.run((context) -> assertThat(context.getBean(ScheduledBackups.class).isRunning()).isTrue());
		app().run((context) -> assertThat(context).doesNotHaveBean(ScheduledBackups.class));
	}

	/** A real folder store whose first puts of backup data fail, as a flaky network would make them. */
	static final class FlakyStore extends ForwardingObjectStore {

		private final int failures;

		final AtomicInteger attempts = new AtomicInteger();

		FlakyStore(ObjectStore delegate, int failures) {
			super(delegate);
			this.failures = failures;
		}

		@Override
		public void put(String key, Path file) throws IOException {
			if (this.attempts.incrementAndGet() <= this.failures) {
				throw new IOException("store unavailable (attempt " + this.attempts.get() + ")");
			}
			super.put(key, file);
		}

	}

}
