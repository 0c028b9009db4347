package dev.durabledb.demo;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.durabledb.test.DurableDbRequests.tenant;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The {@code dev} profile allows the dev reset through the secured actuator endpoint (on
 * the data dir durable-db-test gives this context alone: a reset empties every tenant).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("dev")
class DemoDevResetTests {

	@Autowired
	MockMvc mvc;

	@Test
	void theDevProfileResetsEveryTenantToAnEmptyFileAndPurgesTheOldOnes() throws Exception {
		this.mvc.perform(post("/api/tenants").contentType(MediaType.APPLICATION_JSON).content("{\"id\": \"acme\"}"))
			.andExpect(status().isCreated());
		this.mvc.perform(post("/api/users").with(tenant("acme"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Ada\", \"email\": \"ada@acme.test\"}")).andExpect(status().isCreated());

		this.mvc.perform(operation("reset"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.operation").value("reset"))
			.andExpect(jsonPath("$.reset").value(1))
			.andExpect(jsonPath("$.asideFolder").value(startsWith(".durable-db/reset/")))
			.andExpect(jsonPath("$.instances[0].id").value("acme"))
			// Replication is on in the demo: the bookmark that undoes the reset.
			.andExpect(jsonPath("$.instances[0].undoBookmark").isString());

		// The tenant still exists, empty, at the current schema.
		this.mvc.perform(get("/api/users").with(tenant("acme"))).andExpect(status().isOk()).andExpect(jsonPath("$").isEmpty());
		this.mvc.perform(post("/api/users").with(tenant("acme"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Ada\", \"email\": \"ada@acme.test\"}")).andExpect(status().isCreated());

		this.mvc.perform(operation("purge-reset"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.files").value(1));
	}

	private static MockHttpServletRequestBuilder operation(String operation) {
		return post("/actuator/durabledb/main").with(DemoSecurity.admin())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"operation\": \"" + operation + "\"}");
	}

}
