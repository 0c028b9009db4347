package dev.durabledb.demo;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.durabledb.test.DurableDbRequests.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every durable-db error is an {@code application/problem+json} problem with a detail
 * that says why, in an application that leaves Spring MVC's problem details off (the
 * default), the actuator's 4xx and 404s included.
 */
@SpringBootTest(properties = "spring.mvc.problemdetails.enabled=false")
@AutoConfigureMockMvc
class DemoProblemTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void theApisErrorsAreProblems() throws Exception {
		problem(get("/api/users"), 400, "tenant");
		problem(get("/api/users").header("X-Tenant-Id", "no-such-tenant"), 404, "no-such-tenant");
		problem(get("/api/users").header("X-Tenant-Id", "../etc"), 400, "tenant id is not valid");
	}

	@Test
	void theActuatorsErrorsAreProblemsWithADetail() throws Exception {
		this.mvc.perform(post("/api/tenants").contentType(MediaType.APPLICATION_JSON).content("{\"id\": \"acme\"}"))
			.andExpect(status().isCreated());
		this.mvc.perform(post("/api/users").with(tenant("acme")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Ada\", \"email\": \"ada@acme.test\"}")).andExpect(status().isCreated());
		problem(admin(get("/actuator/durabledb/nope")), 404, "There is no database 'nope'");
		problem(admin(get("/actuator/durabledb/main/ghost")), 404, "no instance 'ghost'");
		problem(admin(get("/actuator/durabledb/main").param("size", "0")), 400, "size between 1 and");
		problem(operation("/actuator/durabledb/main/acme", "{\"operation\": \"explode\"}"), 400,
				"Unknown operation 'explode'");
		problem(operation("/actuator/durabledb/main/acme", "{}"), 400, "needs \"operation\"");
		problem(operation("/actuator/durabledb/main/acme", "{\"operation\": \"restore\"}"), 400, "needs \"backup\"");
		problem(operation("/actuator/durabledb/main/acme", "{\"operation\": \"restore\", \"backup\": \"../x\"}"), 400,
				"backup");
		problem(operation("/actuator/durabledb/main/ghost", "{\"operation\": \"backup\"}"), 404, "no instance 'ghost'");
		problem(operation("/actuator/durabledb/main", "{\"operation\": \"explode\"}"), 400, "Unknown operation 'explode'");
		problem(operation("/actuator/durabledb/main", "{\"operation\": \"reset\"}"), 403, "durable-db.dev.reset=true");
		problem(admin(get("/actuator/durabledbarchive/nope")), 404, "There is no database 'nope'");
		problem(admin(get("/actuator/durabledbarchive/main/acme/no-such-export")), 404, "has no export");

		// Nothing the refused requests named was written or lost.
		this.mvc.perform(get("/api/users").with(tenant("acme"))).andExpect(jsonPath("$[0].name").value("Ada"));
		this.mvc.perform(admin(get("/actuator/durabledb/main/acme")))
			.andExpect(jsonPath("$.backups").isEmpty())
			.andExpect(jsonPath("$.migration.upToDate").value(true));
		this.mvc.perform(admin(get("/actuator/durabledb/main"))).andExpect(jsonPath("$.totalInstances").value(1));
	}

	private ResultActions problem(MockHttpServletRequestBuilder request, int status, String detail) throws Exception {
		return this.mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.detail").value(containsString(detail)));
	}

	private static MockHttpServletRequestBuilder admin(MockHttpServletRequestBuilder request) {
		return request.with(DemoSecurity.admin());
	}

	private static MockHttpServletRequestBuilder operation(String path, String body) {
		return admin(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
	}

}
