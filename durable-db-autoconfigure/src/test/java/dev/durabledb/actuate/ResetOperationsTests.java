package dev.durabledb.actuate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.durabledb.fixtures.InFlightWrite;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.reset.ResetResult;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint's dev reset operations on a database, as the HTTP layer calls them. */
class ResetOperationsTests {

	@TempDir
	Path dataDir;

	@Test
	void resetAndPurgeAreForbiddenUnlessEnabledAndTouchNothing() {
		runner().run((context) -> {
			DurableDbEndpoint endpoint = context.getBean(DurableDbEndpoint.class);
			write(context, "acme", "one", "two");

			for (String operation : List.of("reset", "purge-reset")) {
				WebEndpointResponse<Object> response = endpoint.databaseOperation("notes", operation, null);
				assertThat(response.getStatus()).as(operation).isEqualTo(403);
				assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
				assertThat(((ProblemDetail) response.getBody()).getDetail()).contains("durable-db.dev.reset=true");
			}

			assertThat(bodies(context, "acme")).containsExactly("one", "two");
			assertThat(this.dataDir.resolve("notes/.durable-db/reset")).doesNotExist();
		});
	}

	@Test
	void resetAndPurgeAnswerWhatTheyDid() {
		runner().withPropertyValues("durable-db.dev.reset=true").run((context) -> {
			DurableDbEndpoint endpoint = context.getBean(DurableDbEndpoint.class);
			write(context, "acme", "one", "two");
			write(context, "globex", "theirs");

			Map<String, Object> reset = body(endpoint.databaseOperation("notes", "reset", null), 200);

			assertThat(reset).containsEntry("operation", "reset")
				.containsEntry("database", "notes")
				.containsEntry("reset", 2);
			assertThat((String) reset.get("asideFolder")).startsWith(".durable-db/reset/");
			assertThat(reset.get("instances")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
				.containsExactly(new ResetResult.InstanceReset("acme", null),
						new ResetResult.InstanceReset("globex", null));
			assertThat(context.getBean(TenantDirectory.class).list()).containsExactly("acme", "globex");
			assertThat(bodies(context, "acme")).isEmpty();
			assertThat(bodies(context, "globex")).isEmpty();
			assertThat(this.dataDir.resolve("notes").resolve((String) reset.get("asideFolder")).resolve("acme.db"))
				.isRegularFile();

			Map<String, Object> purged = body(endpoint.databaseOperation("notes", "purge-reset", null), 200);

			assertThat(purged).containsEntry("operation", "purge-reset").containsEntry("files", 2);
			assertThat(this.dataDir.resolve("notes/.durable-db/reset")).isEmptyDirectory();
		});
	}

	@Test
	void badRequestsAreProblemsAndChangeNothing() {
		runner().withPropertyValues("durable-db.dev.reset=true").run((context) -> {
			DurableDbEndpoint endpoint = context.getBean(DurableDbEndpoint.class);
			write(context, "acme", "one");

			assertThat(detail(endpoint.databaseOperation("nope", "reset", null), 404)).contains("no database 'nope'");
			assertThat(detail(endpoint.databaseOperation("nope", "purge-reset", null), 404)).contains("no database 'nope'");
			assertThat(detail(endpoint.databaseOperation("notes", "reset-everything", null), 400))
				.contains("Unknown operation 'reset-everything'")
				.contains("reset, purge-reset");
			assertThat(detail(endpoint.databaseOperation("notes", null, null), 400)).contains("needs \"operation\"");

			assertThat(bodies(context, "acme")).containsExactly("one");
			assertThat(this.dataDir.resolve("notes/.durable-db/reset")).doesNotExist();
			assertThat(this.dataDir.resolve("nope")).doesNotExist();
		});
	}

	@Test
	void anInstanceBusyPastTheLockTimeoutIsA503AndKeepsItsFile() {
		runner().withPropertyValues("durable-db.dev.reset=true", "durable-db.action.lock-timeout=200ms")
			.run((context) -> {
				DurableDbEndpoint endpoint = context.getBean(DurableDbEndpoint.class);
				NoteActions notes = context.getBean(NoteActions.class);
				write(context, "acme", "before");
				InFlightWrite write = InFlightWrite.start(notes, "acme", "in flight");
				try {
					assertThat(detail(endpoint.databaseOperation("notes", "reset", null), 503)).contains("busy");
				}
				finally {
					write.release();
				}
				write.result();

				assertThat(bodies(context, "acme")).containsExactly("before", "in flight");
				assertThat(this.dataDir.resolve("notes/.durable-db/reset")).doesNotExist();
			});
	}

	private ApplicationContextRunner runner() {
		return TestApplications.withActions(this.dataDir)
			.withConfiguration(AutoConfigurations.of(DurableDbEndpointAutoConfiguration.class,
					EndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=durabledb",
					"management.endpoint.durabledb.access=UNRESTRICTED");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> body(WebEndpointResponse<Object> response, int status) {
		assertThat(response.getStatus()).as(String.valueOf(response.getBody())).isEqualTo(status);
		return (Map<String, Object>) response.getBody();
	}

	private static String detail(WebEndpointResponse<Object> response, int status) {
		assertThat(response.getStatus()).as(String.valueOf(response.getBody())).isEqualTo(status);
		assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		return ((ProblemDetail) response.getBody()).getDetail();
	}

	private static void write(ApplicationContext context, String tenant, String... bodies) {
		NoteActions notes = context.getBean(NoteActions.class);
		for (String body : bodies) {
			Tenants.run(tenant, () -> notes.add(body));
		}
	}

	private static List<String> bodies(ApplicationContext context, String tenant) {
		return Tenants.call(tenant, context.getBean(NoteActions.class)::bodies);
	}

}
