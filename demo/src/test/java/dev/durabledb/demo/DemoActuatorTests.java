package dev.durabledb.demo;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static dev.durabledb.test.DurableDbRequests.tenant;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The actuator side of the demo: the durabledb endpoint, health and metrics. */
@SpringBootTest
@AutoConfigureMockMvc
class DemoActuatorTests {

	@Autowired
	MockMvc mvc;

	@BeforeEach
	void aTenantWithAUser() throws Exception {
		this.mvc.perform(post("/api/tenants").contentType(MediaType.APPLICATION_JSON).content("{\"id\": \"acme\"}"));
		this.mvc.perform(post("/api/users").with(tenant("acme"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Ada\", \"email\": \"ada+" + System.nanoTime() + "@acme.test\"}"))
			.andExpect(status().isCreated());
	}

	@Test
	void overviewListsEveryDatabase() throws Exception {
		this.mvc.perform(get("/actuator/durabledb").with(DemoSecurity.admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.databases.main.instance").value("per-tenant"))
			.andExpect(jsonPath("$.databases.main.changelog").value("db/durable/main/changelog.yaml"))
			.andExpect(jsonPath("$.databases.main.fingerprint").isString())
			.andExpect(jsonPath("$.databases.main.instances").value(greaterThanOrEqualTo(1)))
			.andExpect(jsonPath("$.databases.main.open").isNumber())
			.andExpect(jsonPath("$.databases.analytics.instance").value("global"));
	}

	@Test
	void databaseViewPagesItsInstances() throws Exception {
		this.mvc.perform(get("/actuator/durabledb/main").with(DemoSecurity.admin()).param("page", "0").param("size", "10"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("main"))
			.andExpect(jsonPath("$.totalInstances").value(greaterThanOrEqualTo(1)))
			.andExpect(jsonPath("$.instances[*].id", hasItem("acme")));
		this.mvc.perform(get("/actuator/durabledb/main").with(DemoSecurity.admin()).param("size", "0")).andExpect(status().isBadRequest());
	}

	@Test
	void instanceViewShowsItsMigrationStatus() throws Exception {
		this.mvc.perform(get("/actuator/durabledb/main/acme").with(DemoSecurity.admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("acme"))
			.andExpect(jsonPath("$.sizeBytes").isNumber())
			.andExpect(jsonPath("$.migration.upToDate").value(true))
			.andExpect(jsonPath("$.migration.appliedChangeSets").value(1))
			.andExpect(jsonPath("$.migration.pendingChangeSets").isEmpty())
			.andExpect(jsonPath("$.migration.attempts").value(0))
			.andExpect(jsonPath("$.migration.restoresRemaining").value(3))
			.andExpect(jsonPath("$.backups").isArray());
		this.mvc.perform(get("/actuator/durabledb/analytics/global").with(DemoSecurity.admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.migration.upToDate").value(true));
	}

	@Test
	void unknownDatabasesAndInstancesAreNotFound() throws Exception {
		this.mvc.perform(get("/actuator/durabledb/nope").with(DemoSecurity.admin())).andExpect(status().isNotFound());
		this.mvc.perform(get("/actuator/durabledb/main/ghost").with(DemoSecurity.admin())).andExpect(status().isNotFound());
		// Spring Security's firewall rejects the path before the endpoint sees it.
		this.mvc.perform(get("/actuator/durabledb/main/..").with(DemoSecurity.admin()))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/actuator/durabledb/main/..%2F..%2Fetc").with(DemoSecurity.admin()))
			.andExpect(status().is4xxClientError());
		this.mvc.perform(get("/actuator/durabledb/nope/acme").with(DemoSecurity.admin())).andExpect(status().isNotFound());
		this.mvc.perform(post("/actuator/durabledb/main/ghost").with(DemoSecurity.admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"operation\": \"migrate\"}")).andExpect(status().isNotFound());
	}

	@Test
	void migrateRunsNowAndReportsTheStatus() throws Exception {
		this.mvc.perform(post("/actuator/durabledb/main/acme").with(DemoSecurity.admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"operation\": \"migrate\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.operation").value("migrate"))
			.andExpect(jsonPath("$.result").value("done"))
			.andExpect(jsonPath("$.migration.upToDate").value(true));
		this.mvc.perform(get("/api/users").with(tenant("acme")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("Ada"));
	}

	@Test
	void anUnknownOperationIsABadRequest() throws Exception {
		this.mvc.perform(post("/actuator/durabledb/main/acme").with(DemoSecurity.admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"operation\": \"explode\"}")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/users").with(tenant("acme"))).andExpect(status().isOk());
	}

	@Test
	void healthShowsTheDurableDbComponentToTheAdmin() throws Exception {
		this.mvc.perform(get("/actuator/health").with(DemoSecurity.admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components.durableDb.status").value("UP"))
			.andExpect(jsonPath("$.components.durableDb.details.dataDirWritable").value(true))
			.andExpect(jsonPath("$.components.durableDb.details.failedMigrations").value(0));
	}

	@Test
	void metricsRecordActionsAndOpenInstances() throws Exception {
		this.mvc.perform(get("/actuator/metrics/durabledb.actions").with(DemoSecurity.admin()).param("tag", "action:UserActions.create"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.measurements[0].value").value(greaterThanOrEqualTo(1.0)));
		this.mvc.perform(get("/actuator/metrics/durabledb.instances.open").with(DemoSecurity.admin())).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/metrics/durabledb.migrations").with(DemoSecurity.admin())).andExpect(status().isOk());
	}

	@Test
	void infoIsExposed() throws Exception {
		this.mvc.perform(get("/actuator/info")).andExpect(status().isOk());
	}

}
