package dev.durabledb.test;

import org.junit.jupiter.api.Nested;
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

/** {@code tenant("acme")} makes a MockMvc request one of acme, as the application resolves tenants. */
class TenantRequestTests {

	@Nested
	@SpringBootTest
	@AutoConfigureMockMvc
	class ByHeader {

		@Autowired
		MockMvc mvc;

		@Autowired
		TestTenants tenants;

		@Test
		void theRequestCarriesTheTenantHeader() throws Exception {
			this.tenants.create("acme", "globex");
			this.mvc.perform(get("/whoami").with(tenant("acme"))).andExpect(content().string("acme"));
			this.mvc.perform(post("/notes").with(tenant("acme")).contentType(MediaType.TEXT_PLAIN).content("mine"))
				.andExpect(status().isOk());
			this.mvc.perform(get("/notes").with(tenant("globex"))).andExpect(jsonPath("$").isEmpty());
			this.mvc.perform(get("/notes").with(tenant("acme"))).andExpect(jsonPath("$[0]").value("mine:0"));
		}

	}

	@Nested
	@SpringBootTest(properties = { "durable-db.tenant.resolver=header", "durable-db.tenant.header=X-Org" })
	@AutoConfigureMockMvc
	class ByAnotherHeader {

		@Autowired
		MockMvc mvc;

		@Test
		void theConfiguredHeaderIsUsed() throws Exception {
			this.mvc.perform(get("/whoami").with(tenant("acme"))).andExpect(content().string("acme"));
			this.mvc.perform(get("/whoami").header("X-Tenant-Id", "acme")).andExpect(content().string("nobody"));
		}

	}

	@Nested
	@SpringBootTest(properties = "durable-db.tenant.resolver=subdomain")
	@AutoConfigureMockMvc
	class BySubdomain {

		@Autowired
		MockMvc mvc;

		@Test
		void theHostNameCarriesTheTenant() throws Exception {
			this.mvc.perform(get("/whoami").with(tenant("acme"))).andExpect(content().string("acme"));
		}

	}

}
