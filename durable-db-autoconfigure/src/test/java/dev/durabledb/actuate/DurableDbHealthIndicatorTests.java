package dev.durabledb.actuate;

import java.nio.file.Path;

import dev.durabledb.autoconfigure.DurableDbActuatorAutoConfiguration;
import dev.durabledb.backup.BackupRunner;
import dev.durabledb.backup.BackupStore;
import dev.durabledb.backup.file.FileBackupStore;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbHealthIndicatorTests {

	@TempDir
	Path root;

	private ApplicationContextRunner app() {
		return TestApplications.withBackups(this.root.resolve("data"), this.root.resolve("backups"))
			.withConfiguration(AutoConfigurations.of(DurableDbActuatorAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			// February 31st: the scheduler is on, yet only the runs a test starts ever happen.
			.withPropertyValues("durable-db.backup.schedule=0 0 3 31 2 *", "durable-db.backup.retry.max-retries=1");
	}

	@Test
	void upWhenTheLastScheduledRunSucceeded() {
		app().run((context) -> {
			Tenants.run("acme", () -> context.getBean(NoteActions.class).add("x"));
			context.getBean(BackupRunner.class).runScheduled();
			Health health = context.getBean(DurableDbHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("dataDirWritable", true).containsKey("backups");
		});
	}

	@Test
	void downWhenScheduledBackupsFail() {
		BackupStore broken = new BrokenStore(new FileBackupStore(this.root.resolve("backups")));
		app().withBean(BackupStore.class, () -> broken).run((context) -> {
			Tenants.run("acme", () -> context.getBean(NoteActions.class).add("x"));
			context.getBean(BackupRunner.class).runScheduled();
			Health health = context.getBean(DurableDbHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("backups").toString()).contains("lastRunFailed=1", "notes/acme");
			assertThat(context.getBean(MeterRegistry.class)
				.get("durabledb.backups")
				.tag("outcome", "failure")
				.timer()
				.count()).isEqualTo(2);
		});
	}

	@Test
	void downWhenBackupsAreStale() {
		app().withPropertyValues("durable-db.backup.stale-after=0s").run((context) -> {
			Health health = context.getBean(DurableDbHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("backups").toString()).contains("stale=true");
		});
	}

	/** A real folder store whose writes always fail, as a full disk or a revoked key would make them. */
	static final class BrokenStore implements BackupStore {

		private final BackupStore delegate;

		BrokenStore(BackupStore delegate) {
			this.delegate = delegate;
		}

		@Override
		public void put(dev.durabledb.backup.BackupManifest manifest, Path data) throws java.io.IOException {
			throw new java.io.IOException("No space left on device");
		}

		@Override
		public java.util.List<dev.durabledb.backup.BackupManifest> list(String database, String instance)
				throws java.io.IOException {
			return this.delegate.list(database, instance);
		}

		@Override
		public void download(dev.durabledb.backup.BackupManifest manifest, Path target) throws java.io.IOException {
			this.delegate.download(manifest, target);
		}

		@Override
		public void delete(dev.durabledb.backup.BackupManifest manifest) throws java.io.IOException {
			this.delegate.delete(manifest);
		}

		@Override
		public String describe() {
			return "broken";
		}

	}

}
