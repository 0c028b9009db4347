package dev.durabledb.actuate;

import java.nio.file.Path;

import dev.durabledb.backup.BackupSweep;
import dev.durabledb.fixtures.FailingWritesStore;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.file.FileObjectStore;
import dev.durabledb.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbHealthIndicatorTests {

	@TempDir
	Path root;

	private ApplicationContextRunner app() {
		return TestApplications.withBackups(this.root.resolve("data"), this.root.resolve("backups"))
			.withConfiguration(StarterConfigurations.observability())
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			// February 31st: the scheduler is on, yet only the runs a test starts ever happen.
			.withPropertyValues("durable-db.backup.schedule=0 0 3 31 2 *", "durable-db.backup.retry.max-retries=1");
	}

	@Test
	void upWhenTheLastScheduledRunSucceeded() {
		app().run((context) -> {
			Tenants.run("acme", () -> context.getBean(NoteActions.class).add("x"));
			context.getBean(BackupSweep.class).runScheduled();
			Health health = context.getBean(DurableDbHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("dataDirWritable", true).containsKey("backups");
		});
	}

	@Test
	void downWhenScheduledBackupsFail() {
		ObjectStore broken = new FailingWritesStore(new FileObjectStore(this.root.resolve("backups")));
		app().withBean(ObjectStore.class, () -> broken).run((context) -> {
			Tenants.run("acme", () -> context.getBean(NoteActions.class).add("x"));
			context.getBean(BackupSweep.class).runScheduled();
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

}
