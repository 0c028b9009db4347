package dev.durabledb.test;

import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static dev.durabledb.test.DurableDbRequests.tenant;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A {@code @WebMvcTest} slice of a controller, its actions replaced: durable-db's errors
 * are still problems (not "Servlet Request processing failed") and the tenant filter binds
 * the tenant.
 */
@WebMvcTest(NoteController.class)
class WebMvcSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	NoteActions notes;

	@Test
	void anUnknownTenantIsA404Problem() throws Exception {
		given(this.notes.list()).willThrow(new InstanceNotFoundException(new InstanceKey("notes", "ghost")));
		this.mvc.perform(get("/notes").with(tenant("ghost")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://durabledb.dev/problems/tenant-not-found"));
	}

	@Test
	void theTenantIsBound() throws Exception {
		this.mvc.perform(get("/whoami").with(tenant("acme"))).andExpect(content().string("acme"));
	}

}
