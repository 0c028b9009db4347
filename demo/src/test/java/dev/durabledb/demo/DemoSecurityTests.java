package dev.durabledb.demo;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Operations on tenant data are never reachable without the operator's credentials. */
@SpringBootTest
@AutoConfigureMockMvc
class DemoSecurityTests {

	@Autowired
	MockMvc mvc;

	private List<RequestBuilder> operatorRequests() {
		return List.of(get("/actuator/durabledb"), get("/actuator/durabledb/main"),
				get("/actuator/durabledb/main/acme"), operation("/actuator/durabledb/main/acme", "backup"),
				operation("/actuator/durabledb/main/acme", "migrate"),
				operation("/actuator/durabledb/main/acme", "export"),
				restore("/actuator/durabledb/main/acme"), operation("/actuator/durabledb/main", "backup"),
				get("/actuator/durabledbarchive/main"), get("/actuator/metrics"));
	}

	@Test
	void everyOperatorRequestNeedsCredentials() throws Exception {
		this.mvc.perform(post("/api/tenants").contentType(MediaType.APPLICATION_JSON).content("{\"id\": \"acme\"}"));
		for (RequestBuilder request : operatorRequests()) {
			this.mvc.perform(request).andExpect(status().isUnauthorized());
		}
		for (RequestBuilder request : List.of(get("/actuator/durabledb").with(httpBasic("admin", "wrong")),
				operation("/actuator/durabledb/main/acme", "backup").with(httpBasic("admin", "wrong")))) {
			this.mvc.perform(request).andExpect(status().isUnauthorized());
		}
	}

	@Test
	void withCredentialsTheyWork() throws Exception {
		this.mvc.perform(post("/api/tenants").contentType(MediaType.APPLICATION_JSON).content("{\"id\": \"acme\"}"));
		this.mvc.perform(get("/actuator/durabledb").with(DemoSecurity.admin())).andExpect(status().isOk());
		this.mvc.perform(operation("/actuator/durabledb/main/acme", "backup").with(DemoSecurity.admin()))
			.andExpect(status().isOk());
		this.mvc.perform(get("/actuator/durabledbarchive/main").with(DemoSecurity.admin())).andExpect(status().isOk());
	}

	@Test
	void healthStaysOpenWithoutItsDetails() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components").doesNotExist())
			.andExpect(content().string(not(containsString("durableDb"))))
			.andExpect(content().string(not(containsString("data"))));
		this.mvc.perform(get("/actuator/info")).andExpect(status().isOk());
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder operation(String path,
			String operation) {
		return post(path).contentType(MediaType.APPLICATION_JSON).content("{\"operation\": \"" + operation + "\"}");
	}

	private static RequestBuilder restore(String path) {
		return post(path).contentType(MediaType.APPLICATION_JSON)
			.content("{\"operation\": \"restore\", \"backup\": \"20260101T000000000Z-00000000\"}");
	}

}
