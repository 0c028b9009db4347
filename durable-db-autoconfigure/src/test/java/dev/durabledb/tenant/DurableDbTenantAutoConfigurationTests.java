package dev.durabledb.tenant;

import java.nio.file.Path;

import dev.durabledb.fixtures.TestApplications;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbTenantAutoConfigurationTests {

	@TempDir
	Path dataDir;

	private ApplicationContextRunner runner() {
		return TestApplications.starter(this.dataDir);
	}

	@Test
	void givesTheDirectoryAndThePolicyOfTheProperties() {
		runner().withPropertyValues("durable-db.tenant.pattern=[a-z]{2,5}").run((context) -> {
			assertThat(context).hasSingleBean(TenantDirectory.class).hasSingleBean(TenantIdPolicy.class);
			TenantIdPolicy policy = context.getBean(TenantIdPolicy.class);
			assertThat(policy.isValid("acme")).isTrue();
			assertThat(policy.isValid("acme-corp")).isFalse();
		});
	}

	@Test
	void backsOffForTheApplicationsOwnPolicy() {
		runner().withBean("uuids", TenantIdPolicy.class, () -> new TenantIdPolicy("[0-9a-f-]{36}"))
			.run((context) -> assertThat(context).hasSingleBean(TenantIdPolicy.class).hasBean("uuids"));
	}

	@Test
	void withoutBackupsADeletedTenantIsMovedToTheHiddenDeletedFolder() {
		runner().withPropertyValues("durable-db.tenant.auto-create=true").run((context) -> {
			TenantDirectory tenants = context.getBean(TenantDirectory.class);
			tenants.create("acme");

			tenants.delete("acme");

			assertThat(this.dataDir.resolve("notes/acme.db")).doesNotExist();
			assertThat(this.dataDir.resolve("notes/.durable-db/deleted")).isDirectoryContaining("glob:**/acme.db.*");
		});
	}

	@Test
	void theApplicationsOwnFinalCopyIsUsed() {
		java.util.List<String> copies = new java.util.concurrent.CopyOnWriteArrayList<>();
		runner().withBean(FinalCopy.class, () -> (key, file) -> copies.add(key.toString())).run((context) -> {
			TenantDirectory tenants = context.getBean(TenantDirectory.class);
			tenants.create("acme");
			tenants.delete("acme");
			assertThat(copies).containsExactly("notes/acme");
		});
	}

}
