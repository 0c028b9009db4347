package dev.durabledb.demo;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An application that exposes the endpoints with the access they default to (the demo's
 * own configuration allows more): the reads are there, the operations and the archive
 * are not, whoever asks.
 */
@SpringBootTest(properties = { "management.endpoint.durabledb.access=read-only",
		"management.endpoint.durabledbarchive.access=none" })
@AutoConfigureMockMvc
class DemoDefaultAccessTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void operationsAndTheArchiveAreOffByDefault() throws Exception {
		this.mvc.perform(post("/api/tenants").contentType(MediaType.APPLICATION_JSON).content("{\"id\": \"acme\"}"))
			.andExpect(status().isCreated());
		this.mvc.perform(get("/actuator/durabledb").with(DemoSecurity.admin())).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/durabledb/main/acme").with(DemoSecurity.admin())).andExpect(status().isOk());
		this.mvc.perform(post("/actuator/durabledb/main/acme").with(DemoSecurity.admin())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"operation\": \"backup\"}")).andExpect(status().is4xxClientError());
		this.mvc.perform(get("/actuator/durabledbarchive/main").with(DemoSecurity.admin()))
			.andExpect(status().isNotFound());
	}

}
