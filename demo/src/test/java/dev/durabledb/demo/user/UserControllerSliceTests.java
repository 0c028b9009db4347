package dev.durabledb.demo.user;

import java.time.Instant;
import java.util.List;

import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static dev.durabledb.test.DurableDbRequests.tenant;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The users API as a {@code @WebMvcTest} slice, its actions replaced (Spring Boot's
 * default security: any signed-in user): durable-db-test brings durable-db's problem
 * handling and tenant filter into the slice.
 */
@WebMvcTest(UserController.class)
@WithMockUser
class UserControllerSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	UserActions users;

	@Test
	void listsTheTenantsUsers() throws Exception {
		given(this.users.list(100)).willReturn(List.of(new User(1, "Ada", "ada@acme.test", Instant.parse("2026-12-02T00:00:00Z"))));
		this.mvc.perform(get("/api/users").with(tenant("acme")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("Ada"));
	}

	@Test
	void anUnknownTenantIsA404Problem() throws Exception {
		given(this.users.list(100)).willThrow(new InstanceNotFoundException(new InstanceKey("main", "ghost")));
		this.mvc.perform(get("/api/users").with(tenant("ghost")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://durabledb.dev/problems/tenant-not-found"));
	}

}
