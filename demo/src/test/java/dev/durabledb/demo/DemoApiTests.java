package dev.durabledb.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.durabledb.instance.InstanceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The demo's API over real HTTP handling, with the tenants' SQLite files in a temporary folder. */
@SpringBootTest
@AutoConfigureMockMvc
class DemoApiTests {

	@Autowired
	MockMvc mvc;

	/** durable-db-test's temporary data dir; its parent holds it and the backup folder. */
	@Autowired
	InstanceFiles files;

	@Test
	void createsATenantThenItsUsers() throws Exception {
		createTenant("acme").andExpect(status().isCreated()).andExpect(jsonPath("$.id").value("acme"));
		assertThat(data().resolve("main/acme.db")).isRegularFile();

		long before = usersCreated();
		this.mvc
			.perform(post("/api/users").header("X-Tenant-Id", "acme")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"Ada\", \"email\": \"ada@acme.test\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/users/")))
			.andExpect(jsonPath("$.id").isNumber())
			.andExpect(jsonPath("$.name").value("Ada"))
			.andExpect(jsonPath("$.email").value("ada@acme.test"))
			.andExpect(jsonPath("$.createdAt").isString());

		this.mvc.perform(get("/api/users").header("X-Tenant-Id", "acme"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].name").value("Ada"));
		this.mvc.perform(get("/api/users/1").header("X-Tenant-Id", "acme"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.email").value("ada@acme.test"));
		assertThat(usersCreated()).isEqualTo(before + 1);
	}

	@Test
	void tenantsNeverSeeEachOthersUsers() throws Exception {
		createTenant("north").andExpect(status().isCreated());
		createTenant("south").andExpect(status().isCreated());
		createUser("north", "Nora", "nora@north.test").andExpect(status().isCreated());

		this.mvc.perform(get("/api/users").header("X-Tenant-Id", "south"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(0)));
		this.mvc.perform(get("/api/users/1").header("X-Tenant-Id", "south"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void idsThatDifferOnlyInCaseNeverMix() throws Exception {
		createTenant("case").andExpect(status().isCreated());
		createTenant("CASE").andExpect(status().isCreated());
		createUser("case", "lower", "lower@case.test").andExpect(status().isCreated());
		createUser("CASE", "upper", "upper@case.test").andExpect(status().isCreated());
		this.mvc.perform(get("/api/users").header("X-Tenant-Id", "case"))
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].name").value("lower"));
		this.mvc.perform(get("/api/users").header("X-Tenant-Id", "CASE"))
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].name").value("upper"));
	}

	@Test
	void statsCountUsersOfEveryTenant() throws Exception {
		createTenant("stats-a").andExpect(status().isCreated());
		createTenant("stats-b").andExpect(status().isCreated());
		long before = usersCreated();
		createUser("stats-a", "A", "a@a.test").andExpect(status().isCreated());
		createUser("stats-b", "B", "b@b.test").andExpect(status().isCreated());
		this.mvc.perform(get("/api/stats")).andExpect(status().isOk()).andExpect(jsonPath("$.usersCreated").isNumber());
		assertThat(usersCreated()).isEqualTo(before + 2);
	}

	@Test
	void aTenantThatWasNeverCreatedIsNotFound() throws Exception {
		problem(get("/api/users").header("X-Tenant-Id", "never-created"), 404, "does not exist");
		assertThat(data().resolve("main/never-created.db")).doesNotExist();
	}

	@Test
	void aRequestWithoutTenantIsABadRequest() throws Exception {
		problem(get("/api/users"), 400, "No tenant");
	}

	@Test
	void creatingATenantTwiceIsAConflict() throws Exception {
		createTenant("twice").andExpect(status().isCreated());
		createUser("twice", "Kept", "kept@twice.test").andExpect(status().isCreated());
		createTenant("twice").andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/api/users").header("X-Tenant-Id", "twice")).andExpect(jsonPath("$", hasSize(1)));
	}

	@Test
	void invalidUsersAreRejectedWithTheFailingFieldsAndNothingIsWritten() throws Exception {
		createTenant("strict").andExpect(status().isCreated());
		problem(post("/api/users").header("X-Tenant-Id", "strict")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"\", \"email\": \"not-an-email\"}"), 400, "invalid field")
			.andExpect(jsonPath("$.errors", hasSize(2)))
			.andExpect(jsonPath("$.errors[0].field").value("user.email"))
			.andExpect(jsonPath("$.errors[1].field").value("user.name"));
		problem(get("/api/users").param("limit", "0").header("X-Tenant-Id", "strict"), 400, "invalid field")
			.andExpect(jsonPath("$.errors[0].field").value("limit"));
		this.mvc.perform(get("/api/users").header("X-Tenant-Id", "strict")).andExpect(jsonPath("$", hasSize(0)));
	}

	@Test
	void aDuplicateEmailIsAConflict() throws Exception {
		createTenant("dupes").andExpect(status().isCreated());
		createUser("dupes", "One", "same@dupes.test").andExpect(status().isCreated());
		createUser("dupes", "Two", "same@dupes.test").andExpect(status().isConflict());
	}

	@ParameterizedTest
	@ValueSource(strings = { "../escape", "..", ".", "a/b", "a\\b", "/etc/passwd", "C:\\data",
			"x234567890123456789012345678901234567890123456789012345678901234", "caf\u00e9", "semi;colon" })
	void invalidTenantIdsAreBadRequestsAndWriteNothing(String id) throws Exception {
		problem(get("/api/users").header("X-Tenant-Id", id), 400, "tenant id is not valid");
		problem(post("/api/tenants").contentType(MediaType.APPLICATION_JSON).content("{\"id\": \"" + json(id) + "\"}"),
				400, "tenant id is not valid");
		assertNoDatabaseOutsideTheDataDir();
	}

	@Test
	void aTenantIdWithANulByteIsABadRequest() throws Exception {
		problem(post("/api/tenants").contentType(MediaType.APPLICATION_JSON).content("{\"id\": \"nul\\u0000byte\"}"),
				400, "tenant id is not valid");
		problem(post("/api/tenants").contentType(MediaType.APPLICATION_JSON).content("{\"id\": \"\"}"), 400,
				"tenant id is not valid");
		assertNoDatabaseOutsideTheDataDir();
	}

	private ResultActions problem(org.springframework.test.web.servlet.RequestBuilder request, int status,
			String detail) throws Exception {
		return this.mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.detail", containsString(detail)))
			.andExpect(content().string(not(containsString(data().toString()))))
			.andExpect(content().string(not(containsString("Exception"))))
			.andExpect(content().string(not(containsString("SELECT"))));
	}

	private ResultActions createTenant(String id) throws Exception {
		return this.mvc.perform(
				post("/api/tenants").contentType(MediaType.APPLICATION_JSON).content("{\"id\": \"" + id + "\"}"));
	}

	private ResultActions createUser(String tenant, String name, String email) throws Exception {
		return this.mvc.perform(post("/api/users").header("X-Tenant-Id", tenant)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + name + "\", \"email\": \"" + email + "\"}"));
	}

	private long usersCreated() throws Exception {
		String body = this.mvc.perform(get("/api/stats")).andReturn().getResponse().getContentAsString();
		return Long.parseLong(body.replaceAll("\\D+", ""));
	}

	private Path data() {
		return this.files.dataDir();
	}

	private static String json(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	private void assertNoDatabaseOutsideTheDataDir() throws IOException {
		try (Stream<Path> files = Files.walk(data().getParent())) {
			List<Path> outside = files.filter((file) -> !file.startsWith(data())).filter(Files::isRegularFile).toList();
			assertThat(outside).isEmpty();
		}
		try (Stream<Path> files = Files.list(data())) {
			assertThat(files.filter(Files::isRegularFile)).isEmpty();
		}
	}

}
