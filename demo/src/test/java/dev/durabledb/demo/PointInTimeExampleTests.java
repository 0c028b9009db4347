package dev.durabledb.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.jayway.jsonpath.JsonPath;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.test.TestTenants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static dev.durabledb.test.DurableDbRequests.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The README's point-in-time restore examples, as they stand there, on the demo. */
@SpringBootTest
@AutoConfigureMockMvc
class PointInTimeExampleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestTenants tenants;

	@Autowired
	Bookmarks bookmarks;

	@Test
	void theJavaExample() throws Exception {
		this.tenants.create("acme");
		addUser("acme", "Ada");

		InstanceKey key = new InstanceKey("main", "acme");
		String bookmark = bookmarks.current(key);                  // the last commit (shipped first if need be)
		Optional<String> then = bookmarks.at(key, Instant.now().minus(Duration.ofMinutes(5)));
		addUser("acme", "Grace");
		String undo = bookmarks.restore(key, bookmark);            // exactly as after that commit
		assertThat(names("acme")).containsExactly("Ada");
		bookmarks.restore(key, undo);                              // and back: every restore can be undone
		assertThat(names("acme")).containsExactly("Ada", "Grace");
		bookmarks.fork(key, bookmark, "acme-before-import");       // a new tenant, as at that commit

		assertThat(then).isEmpty();
		assertThat(names("acme-before-import")).containsExactly("Ada");
	}

	@Test
	void theHttpExample() throws Exception {
		this.tenants.create("acme");
		addUser("acme", "Ada");
		String bookmark = this.bookmarks.current(new InstanceKey("main", "acme"));
		// A commit's time is when its round put it in the store: after that, Ada's is.
		Instant at = Instant.now();
		addUser("acme", "Grace");

		String answer = this.mvc
			.perform(post("/actuator/durabledb/main/acme").with(DemoSecurity.admin())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"operation\": \"restore\", \"at\": \"" + at + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.restoredTo").value(bookmark))
			.andExpect(jsonPath("$.undoBookmark").isString())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(names("acme")).containsExactly("Ada");
		this.mvc
			.perform(post("/actuator/durabledb/main/acme").with(DemoSecurity.admin())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"operation\": \"restore\", \"bookmark\": \"" + JsonPath.read(answer, "$.undoBookmark") + "\"}"))
			.andExpect(status().isOk());
		assertThat(names("acme")).containsExactly("Ada", "Grace");
		this.mvc.perform(post("/actuator/durabledb/main/acme").contentType(MediaType.APPLICATION_JSON)
			.content("{\"operation\": \"restore\", \"at\": \"" + at + "\"}")).andExpect(status().isUnauthorized());
	}

	private void addUser(String tenant, String name) throws Exception {
		this.mvc.perform(post("/api/users").with(tenant(tenant))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + name + "\", \"email\": \"" + name.toLowerCase() + "@" + tenant + ".test\"}"))
			.andExpect(status().isCreated());
	}

	private List<String> names(String tenant) throws Exception {
		return JsonPath.read(this.mvc.perform(get("/api/users").with(tenant(tenant)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$[*].name");
	}

}
