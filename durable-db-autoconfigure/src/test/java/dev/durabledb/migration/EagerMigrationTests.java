package dev.durabledb.migration;

import java.nio.file.Path;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.action.DurableDbActionAutoConfiguration;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.DurableDbInstanceAutoConfiguration;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.DurableDbTenantAutoConfiguration;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EagerMigrationTests {

	@TempDir
	Path dataDir;

	@Test
	void eagerMigrationBringsEveryExistingInstanceUpToDate() {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			for (int i = 0; i < 12; i++) {
				Tenants.run("tenant-" + i, () -> notes.add("note"));
			}
		});
		TestApplications.withActions(this.dataDir)
			.withPropertyValues("durable-db.migration.mode=eager", "durable-db.migration.parallelism=3",
					"durable-db.databases.notes.changelog=classpath:changelogs/notes-v2.yaml")
			.run((context) -> {
				SchemaInspector migrations = context.getBean(SchemaInspector.class);
				InstanceKey first = new InstanceKey("notes", "tenant-0");
				assertThat(migrations.status(first).upToDate()).isFalse();

				int failed = context.getBean(EagerMigration.class).migrateAll();

				assertThat(failed).isZero();
				for (int i = 0; i < 12; i++) {
					MigrationStatus status = migrations.status(new InstanceKey("notes", "tenant-" + i));
					assertThat(status.upToDate()).isTrue();
					assertThat(status.pendingChangeSets()).isEmpty();
				}
				assertThat(context.getBean(EagerMigration.class).migrateAll()).isZero();
			});
	}

	@Test
	void eagerMigrationReportsInstancesThatFailAndLeavesTheirData() throws Exception {
		TestApplications.withActions(this.dataDir)
			.run((context) -> Tenants.run("acme", () -> context.getBean(NoteActions.class).add("safe")));
		TestApplications.withActions(this.dataDir)
			.withPropertyValues("durable-db.migration.mode=eager",
					"durable-db.databases.notes.changelog=classpath:changelogs/notes-broken.yaml")
			.run((context) -> {
				assertThat(context.getBean(EagerMigration.class).migrateAll()).isEqualTo(1);
				assertThat(context.getBean(SchemaInspector.class).status(new InstanceKey("notes", "acme")).attempts())
					.isEqualTo(1);
			});
		assertThat(GuardedMigrationTests.rows(this.dataDir.resolve("notes/acme.db"))).containsExactly("safe");
	}


	@Test
	void eagerMigrationFailsStartupWhenAnInstanceFailsUnlessToldNotTo() throws Exception {
		TestApplications.withActions(this.dataDir)
			.run((context) -> Tenants.run("acme", () -> context.getBean(NoteActions.class).add("safe")));
		Path file = this.dataDir.resolve("notes/acme.db");

		assertThatExceptionOfType(DurableDbConfigurationException.class)
			.isThrownBy(() -> startEager("durable-db.databases.notes.changelog=classpath:changelogs/notes-broken.yaml"))
			.satisfies((ex) -> {
				assertThat(ex.getDescription()).contains("1 instance failed to migrate", "notes/acme",
						"004-broken", "UNIQUE constraint failed");
				assertThat(ex.getAction()).contains("durable-db.migration.fail-on-error=false");
			});
		assertThat(GuardedMigrationTests.rows(file)).containsExactly("safe");

		try (ConfigurableApplicationContext context = startEager(
				"durable-db.databases.notes.changelog=classpath:changelogs/notes-broken.yaml",
				"durable-db.migration.fail-on-error=false", "durable-db.migration.retry-delay=0s")) {
			assertThat(context.getBean(SchemaInspector.class).status(new InstanceKey("notes", "acme")).attempts())
				.isEqualTo(2);
		}
		assertThat(GuardedMigrationTests.rows(file)).containsExactly("safe");
	}

	/** A real Spring Boot startup, so that application runners run, in eager mode. */
	private ConfigurableApplicationContext startEager(String... properties) {
		return new SpringApplicationBuilder(EagerApplication.class).web(WebApplicationType.NONE)
			.properties("durable-db.data-dir=" + this.dataDir, "durable-db.migration.mode=eager",
					"durable-db.migration.replay=false", "spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DurableDbActionAutoConfiguration.class, DurableDbInstanceAutoConfiguration.class,
			DurableDbMigrationAutoConfiguration.class, DurableDbTenantAutoConfiguration.class })
	static class EagerApplication {

	}

}
