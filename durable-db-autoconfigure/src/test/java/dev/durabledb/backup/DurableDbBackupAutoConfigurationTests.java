package dev.durabledb.backup;

import java.nio.file.Path;

import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.CommitListener;
import dev.durabledb.tenant.FinalCopy;
import dev.durabledb.tenant.TenantDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbBackupAutoConfigurationTests {

	@TempDir
	Path root;

	private ApplicationContextRunner runner() {
		return TestApplications.starterWithBackups(this.root);
	}

	@Test
	void onByDefaultWithoutASchedule() {
		runner().run((context) -> assertThat(context).hasSingleBean(BackupOperations.class)
			.hasSingleBean(BackupSweep.class)
			.hasSingleBean(WriteMarks.class)
			.hasSingleBean(FinalCopy.class)
			.doesNotHaveBean(ScheduledBackups.class));
	}

	@Test
	void writeMarksListenToCommits() {
		runner().run((context) -> assertThat(context.getBean(CommitListener.class))
			.isSameAs(context.getBean(WriteMarks.class)));
	}

	@Test
	void aScheduleStartsTheScheduler() {
		runner().withPropertyValues("durable-db.backup.schedule=0 0 3 * * *")
			.run((context) -> assertThat(context.getBean(ScheduledBackups.class).isRunning()).isTrue());
	}

	@Test
	void disabledMeansNoBackupsAndDeletedTenantsAreMovedAside() {
		runner().withPropertyValues("durable-db.backup.enabled=false", "durable-db.tenant.auto-create=true")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(BackupOperations.class)
					.doesNotHaveBean(BackupSweep.class)
					.doesNotHaveBean(CommitListener.class)
					.doesNotHaveBean(FinalCopy.class);
				TenantDirectory tenants = context.getBean(TenantDirectory.class);
				tenants.create("acme");
				tenants.delete("acme");
				assertThat(this.root.resolve("backups")).doesNotExist();
			});
	}

}
