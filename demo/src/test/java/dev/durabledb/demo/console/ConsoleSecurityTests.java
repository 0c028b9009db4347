package dev.durabledb.demo.console;

import dev.durabledb.test.TestTenants;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo's console (dev profile) is the admin's alone, and its POSTs need the CSRF token
 * from the cookie, since a browser re-sends Basic credentials by itself.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("dev")
class ConsoleSecurityTests {

	private static final String QUERY = "/durable-db/console/api/databases/main/instances/acme/query";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestTenants tenants;

	@Test
	void withoutTheAdminThereIsNoConsole() throws Exception {
		this.tenants.create("acme");
		this.mvc.perform(get("/durable-db/console/")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/durable-db/console/api/overview").with(httpBasic("admin", "wrong")))
			.andExpect(status().isUnauthorized());
		// Refused before authentication: it carries no CSRF token.
		this.mvc.perform(query()).andExpect(status().isForbidden());
	}

	@Test
	void theAdminsPostsNeedTheCsrfTokenTheCookieCarries() throws Exception {
		this.tenants.create("acme");
		this.mvc.perform(query().with(httpBasic("admin", "admin"))).andExpect(status().isForbidden());

		MvcResult page = this.mvc.perform(get("/durable-db/console/").with(httpBasic("admin", "admin")))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andReturn();
		Cookie token = page.getResponse().getCookie("XSRF-TOKEN");
		assertThat(token).isNotNull();
		this.mvc.perform(query().with(httpBasic("admin", "admin")).cookie(token).header("X-XSRF-TOKEN", token.getValue()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rows[0][0]").value(0));
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder query() {
		return post(QUERY).contentType(MediaType.APPLICATION_JSON).content("{\"sql\": \"select count(*) from users\"}");
	}

}
