package dev.durabledb.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.io.Sha256;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.actuate.web.WebMvcEndpointManagementContextConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The {@code validate} operation over HTTP, through Spring Boot's actuator: tenants
 * written by one release, validated by the next.
 */
class ValidateOperationTests {

	@TempDir
	Path root;

	@BeforeEach
	void tenantsOfTheFirstRelease() {
		TestApplications.withActions(this.root.resolve("data")).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			Tenants.run("acme", () -> notes.add("a1"));
			Tenants.run("globex", () -> notes.add("g1"));
			Tenants.run("initech", () -> notes.add("same"));
			Tenants.run("initech", () -> notes.add("same"));
		});
	}

	@Test
	void answersTheCountsTheFailuresAndEachInstance() {
		nextRelease().run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			validate(mvc, "notes", "{\"operation\": \"validate\"}").andExpect(status().isOk())
				.andExpect(jsonPath("$.operation").value("validate"))
				.andExpect(jsonPath("$.database").value("notes"))
				.andExpect(jsonPath("$.fingerprint").isString())
				.andExpect(jsonPath("$.total").value(3))
				.andExpect(jsonPath("$.succeeded").value(2))
				.andExpect(jsonPath("$.failed").value(1))
				.andExpect(jsonPath("$.upToDate").value(0))
				.andExpect(jsonPath("$.notChecked").value(0))
				.andExpect(jsonPath("$.failures.length()").value(1))
				.andExpect(jsonPath("$.failures[0].instance").value("initech"))
				.andExpect(jsonPath("$.failures[0].outcome").value("would-fail"))
				.andExpect(jsonPath("$.failures[0].path").value("replay"))
				.andExpect(jsonPath("$.failures[0].changeset.id").value("301-unique"))
				.andExpect(jsonPath("$.failures[0].changeset.author").value("durable-db-tests"))
				.andExpect(jsonPath("$.failures[0].changeset.file").value("changelogs/replay/notes-unique.yaml"))
				.andExpect(jsonPath("$.failures[0].error").value(containsString("UNIQUE constraint failed: notes.body")))
				.andExpect(jsonPath("$.failures[0].error").value(not(containsString(this.root.toString()))))
				.andExpect(jsonPath("$.instances[*].instance").value(contains("acme", "globex",
						"initech")))
				.andExpect(jsonPath("$.instances[*].outcome").value(contains("would-succeed",
						"would-succeed", "would-fail")));
		});
	}

	@Test
	void aSampleValidatesThatManyInstances() {
		nextRelease().run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			validate(mvc, "notes", "{\"operation\": \"validate\", \"sample\": 2}").andExpect(status().isOk())
				.andExpect(jsonPath("$.total").value(2))
				.andExpect(jsonPath("$.instancesInDatabase").value(3))
				.andExpect(jsonPath("$.instances.length()").value(2));
			validate(mvc, "notes", "{\"operation\": \"validate\", \"sample\": \"1\"}").andExpect(status().isOk())
				.andExpect(jsonPath("$.total").value(1));
		});
	}

	@Test
	void anUnknownDatabaseIsNotFoundAndABadSampleABadRequestBothChangingNothing() {
		nextRelease().run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			Map<String, String> live = liveFiles();

			problem(validate(mvc, "nope", "{\"operation\": \"validate\"}"), 404, "There is no database 'nope'");
			for (String sample : new String[] { "0", "-1", "\"abc\"", "1.5", "\"\"", "true" }) {
				problem(validate(mvc, "notes", "{\"operation\": \"validate\", \"sample\": " + sample + "}"), 400,
						"\"sample\" must be a whole number of instances, 1 or more");
			}
			problem(validate(mvc, "notes", "{\"operation\": \"explode\"}"), 400,
					"Unknown operation 'explode'; expected: one of backup, validate, reset, purge-reset");
			problem(validate(mvc, "notes", "{}"), 400, "The request needs \"operation\": one of backup, validate, reset, purge-reset");

			assertThat(liveFiles()).isEqualTo(live);
			assertThat(this.root.resolve("data/nope")).doesNotExist();
			assertThat(this.root.resolve("data/notes/.durable-db/staging")).isEmptyDirectory();
		});
	}

	@Test
	void withoutUnrestrictedAccessThereIsNoOperation() {
		nextRelease().withPropertyValues("management.endpoint.durabledb.access=READ_ONLY").run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			validate(mvc, "notes", "{\"operation\": \"validate\"}").andExpect(status().is4xxClientError());
			assertThat(this.root.resolve("data/notes/.durable-db/staging")).isEmptyDirectory();
		});
	}

	/** The next release of the application, with the actuator over Spring MVC and the operations allowed. */
	private WebApplicationContextRunner nextRelease() {
		return new WebApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(AutoConfigurations.of(DurableDbEndpointAutoConfiguration.class,
					EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
					JacksonEndpointAutoConfiguration.class, WebMvcEndpointManagementContextConfiguration.class,
					DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
					HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("durable-db.data-dir=" + this.root.resolve("data"),
					"durable-db.databases.notes.changelog=classpath:changelogs/replay/notes-unique.yaml",
					"management.endpoints.web.exposure.include=durabledb",
					"management.endpoint.durabledb.access=UNRESTRICTED");
	}

	private static ResultActions validate(MockMvc mvc, String database, String body) throws Exception {
		return mvc.perform(post("/actuator/durabledb/" + database).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private static void problem(ResultActions response, int status, String detail) throws Exception {
		response.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString(detail)));
	}

	/** Every file of the notes tenants by name, with its SHA-256 and modification time. */
	private Map<String, String> liveFiles() throws IOException {
		Map<String, String> files = new TreeMap<>();
		try (Stream<Path> entries = Files.list(this.root.resolve("data/notes"))) {
			for (Path file : entries.filter(Files::isRegularFile).toList()) {
				files.put(file.getFileName().toString(),
						HexFormat.of().formatHex(Sha256.digest().digest(Files.readAllBytes(file))) + " "
								+ Files.getLastModifiedTime(file).toMillis());
			}
		}
		return files;
	}

}
