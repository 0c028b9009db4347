package dev.durabledb.demo;

import dev.durabledb.test.TestTenants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static dev.durabledb.test.DurableDbRequests.tenant;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The README's "Testing" example, as it stands there. */
@SpringBootTest
@AutoConfigureMockMvc
class UsersApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestTenants tenants;

	@Test
	void createsAndListsUsersOfOneTenant() throws Exception {
		this.tenants.create("acme", "globex");
		this.mvc.perform(post("/api/users").with(tenant("acme"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Ada\", \"email\": \"ada@acme.test\"}")).andExpect(status().isCreated());
		this.mvc.perform(get("/api/users").with(tenant("acme"))).andExpect(jsonPath("$[0].name").value("Ada"));
		this.mvc.perform(get("/api/users").with(tenant("globex"))).andExpect(jsonPath("$").isEmpty());
	}

	@Test
	void anUnknownTenantIsA404Problem() throws Exception {
		this.mvc.perform(get("/api/users").with(tenant("acme")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
