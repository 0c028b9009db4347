package dev.durabledb.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.instance.InstanceKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo with its {@code cluster} profile, as one node of the README's three: leases in
 * the local PostgreSQL, replication to the shared store, and the API working as before,
 * its cross-database call included.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("cluster")
class DemoClusterProfileTests {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

	private static final String TABLE = "demo_leases_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

	@Autowired
	MockMvc mvc;

	@Autowired
	LeaseKeeper leases;

	@BeforeAll
	static void postgres() {
		try (Connection connection = DriverManager.getConnection(URL)) {
			connection.isValid(5);
		}
		catch (SQLException ex) {
			if ("true".equals(System.getenv("CI"))) {
				fail("No PostgreSQL at " + URL + " (.ci/run starts it)", ex);
			}
			Assumptions.abort("No PostgreSQL at " + URL + ": " + ex.getMessage());
		}
	}

	@AfterAll
	static void dropTable() throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + TABLE);
		}
	}

	@DynamicPropertySource
	static void node(DynamicPropertyRegistry properties) {
		properties.add("spring.datasource.url", () -> URL);
		properties.add("durable-db.cluster.table", () -> TABLE);
		properties.add("durable-db.cluster.node-id", () -> "demo-node-1");
		properties.add("durable-db.cluster.advertised-url", () -> "http://127.0.0.1:18081");
	}

	@Test
	void theApiServesItsTenantsUnderLeasesOfThisNode() throws Exception {
		this.mvc.perform(post("/api/tenants").contentType(MediaType.APPLICATION_JSON).content("{\"id\": \"acme\"}"))
			.andExpect(status().isCreated());
		this.mvc
			.perform(post("/api/users").header("X-Tenant-Id", "acme")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"Ada\", \"email\": \"ada@acme.test\"}"))
			.andExpect(status().isCreated());
		this.mvc.perform(get("/api/users").header("X-Tenant-Id", "acme"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("Ada"));
		this.mvc.perform(get("/api/stats")).andExpect(status().isOk()).andExpect(jsonPath("$.usersCreated").value(1));
		assertThat(this.leases.isValid(new InstanceKey("main", "acme"))).isTrue();
		assertThat(this.leases.isValid(new InstanceKey("analytics", "global"))).isTrue();
		this.mvc.perform(post("/api/tenants").contentType(MediaType.APPLICATION_JSON).content("{\"id\": \"acme\"}"))
			.andExpect(status().isConflict());
		this.mvc.perform(get("/actuator/durabledbcluster/main/acme").with(httpBasic("admin", "admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.owner").value("demo-node-1"));
		this.mvc.perform(get("/actuator/durabledbcluster")).andExpect(status().isUnauthorized());
	}

}
