package dev.durabledb.test;

import dev.durabledb.tenant.TenantDirectory;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code durable-db.test.clean-tenants=false}, tenants outlive the test that made them. */
@SpringBootTest(properties = "durable-db.test.clean-tenants=false")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeepTenantsTests {

	@Autowired
	TenantDirectory directory;

	@Test
	@Order(1)
	void oneTestCreatesATenant() {
		this.directory.create("kept");
		assertThat(this.directory.list()).containsExactly("kept");
	}

	@Test
	@Order(2)
	void theNextStillHasIt() {
		assertThat(this.directory.list()).containsExactly("kept");
	}

}
