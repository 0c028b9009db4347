package dev.durabledb.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.durabledb.instance.InstanceKey;
import dev.durabledb.replication.Bookmarks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

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

/** The console's page and JSON API over real tenant files, through MockMvc. */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleApiTests {

	private static final String API = "/durable-db/console/api/databases/notes";

	@TempDir
	Path root;

	@Test
	void thePageAndItsAssetsComeFromTheJarUnderTheConfiguredPath() {
		ConsoleApplications.console(this.root).withPropertyValues("durable-db.console.path=/tools/db").run((context) -> {
			MockMvc mvc = ConsoleApplications.mvc(context);
			mvc.perform(get("/tools/db")).andExpect(status().isFound()).andExpect(header().string("Location", "/tools/db/"));
			mvc.perform(get("/tools/db/"))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
				.andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
				.andExpect(content().string(containsString("assets/console.js")))
				.andExpect(content().string(not(containsString("http"))));
			mvc.perform(get("/tools/db/assets/console.js")).andExpect(status().isOk());
			mvc.perform(get("/tools/db/assets/console.css")).andExpect(status().isOk());
			mvc.perform(get("/tools/db/assets/../ConsoleRoutes.class")).andExpect(status().isNotFound());
			mvc.perform(get("/tools/db/assets/%2e%2e/ConsoleRoutes.class")).andExpect(status().isNotFound());
			mvc.perform(get("/durable-db/console/")).andExpect(status().isNotFound());
		});
	}

	@Test
	void instancesAreSearchedAndPagedFromTheFolderWithoutOpeningThem() {
		ConsoleApplications.console(this.root).withPropertyValues("durable-db.console.page-size=10").run((context) -> {
			for (int i = 0; i < 25; i++) {
				ConsoleApplications.addNotes(context, String.format("t%02d", i), "note");
			}
			ConsoleApplications.addNotes(context, "Acme", "note");
			MockMvc mvc = ConsoleApplications.mvc(context);
			mvc.perform(get("/durable-db/console/api/overview"))
				.andExpect(jsonPath("$.databases[0].name").value("notes"))
				.andExpect(jsonPath("$.databases[0].instance").value("per-tenant"))
				.andExpect(jsonPath("$.writable").value(false))
				.andExpect(jsonPath("$.pageSize").value(10));
			mvc.perform(get(API + "/instances"))
				.andExpect(jsonPath("$.total").value(26))
				.andExpect(jsonPath("$.ids", hasSize(10)));
			mvc.perform(get(API + "/instances").param("search", "T1").param("page", "1"))
				.andExpect(jsonPath("$.total").value(10))
				.andExpect(jsonPath("$.ids", hasSize(0)));
			mvc.perform(get(API + "/instances").param("search", "t2"))
				.andExpect(jsonPath("$.total").value(5))
				.andExpect(jsonPath("$.ids[0]").value("t20"))
				.andExpect(jsonPath("$.ids[4]").value("t24"));
			mvc.perform(get(API + "/instances").param("search", "acme")).andExpect(jsonPath("$.ids[0]").value("Acme"));
			mvc.perform(get(API + "/instances").param("page", "-1")).andExpect(status().isBadRequest());
			mvc.perform(get(API + "/instances").param("page", "two")).andExpect(status().isBadRequest());
			mvc.perform(get("/durable-db/console/api/databases/nope/instances"))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		});
	}

	@Test
	void schemaTablePagesAndQueriesShowOneTenantsRowsWithTiming() {
		ConsoleApplications.console(this.root).withPropertyValues("durable-db.console.page-size=2").run((context) -> {
			ConsoleApplications.addNotes(context, "acme", "a1", "a2", "a3");
			ConsoleApplications.addNotes(context, "globex", "g1");
			MockMvc mvc = ConsoleApplications.mvc(context);
			mvc.perform(get(API + "/instances/acme"))
				.andExpect(jsonPath("$.id").value("acme"))
				.andExpect(jsonPath("$.replicated").value(false));
			mvc.perform(get(API + "/instances/acme/schema"))
				.andExpect(jsonPath("$[?(@.name == 'notes')].type").value("table"))
				.andExpect(jsonPath("$[?(@.name == 'notes_body')].type").value("index"))
				.andExpect(jsonPath("$[?(@.name == 'notes_body')].sql").value("CREATE INDEX notes_body ON notes (body)"));
			mvc.perform(get(API + "/instances/acme/tables/notes").param("page", "1"))
				.andExpect(jsonPath("$.columns[1]").value("body"))
				.andExpect(jsonPath("$.rows", hasSize(1)))
				.andExpect(jsonPath("$.rows[0][1]").value("a3"))
				.andExpect(jsonPath("$.more").value(false));
			mvc.perform(get(API + "/instances/acme/tables/missing")).andExpect(status().isNotFound());
			mvc.perform(query("acme", "select body from notes order by body", 0))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.rows[0][0]").value("a1"))
				.andExpect(jsonPath("$.rows[1][0]").value("a2"))
				.andExpect(jsonPath("$.more").value(true))
				.andExpect(jsonPath("$.millis").isNumber());
			mvc.perform(query("acme", "select body from notes", 7))
				.andExpect(jsonPath("$.rows", hasSize(0)))
				.andExpect(jsonPath("$.more").value(false));
			mvc.perform(query("globex", "select group_concat(body) from notes", 0))
				.andExpect(jsonPath("$.rows[0][0]").value("g1"));
		});
	}

	@Test
	void readOnlyIsSqlitesOwnRefusalAndNothingIsWritten(CapturedOutput output) {
		ConsoleApplications.console(this.root).run((context) -> {
			ConsoleApplications.addNotes(context, "acme", "kept");
			MockMvc mvc = ConsoleApplications.mvc(context);
			mvc.perform(query("acme", "insert into notes (body) values ('sneaked')", 0))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail", containsString("readonly")));
			// The pragma that lifts query_only runs (it writes nothing) but is undone before the next statement.
			mvc.perform(query("acme", "PRAGMA query_only = 0", 0)).andExpect(status().isOk());
			mvc.perform(query("acme", "delete from notes", 0)).andExpect(status().isBadRequest());
			mvc.perform(query("acme", "PRAGMA query_only = 0; delete from notes", 0));
			mvc.perform(query("acme", "select 1; delete from notes", 0));
			mvc.perform(query("acme", "create table evil (x)", 0)).andExpect(status().isBadRequest());
			mvc.perform(write("acme", "delete from notes"))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.detail", containsString("durable-db.console.allow-writes")));
			mvc.perform(query("acme", "COMMIT", 0))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail", containsString("transaction of its own")));
			mvc.perform(query("acme", "  ", 0)).andExpect(status().isBadRequest());
			mvc.perform(post(API + "/instances/acme/query").contentType(MediaType.APPLICATION_JSON).content("{not json"))
				.andExpect(status().isBadRequest());

			assertThat(ConsoleApplications.count(context, "acme")).isEqualTo(1);
			mvc.perform(get(API + "/instances/acme/schema")).andExpect(jsonPath("$[?(@.name == 'evil')]", hasSize(0)));
			assertThat(output).contains("Console read on 'notes/acme': insert into notes (body) values ('sneaked') -> failed");
		});
	}

	@Test
	void aRunawayStatementIsStoppedAtTheTimeoutAndTheTenantServesOn() {
		ConsoleApplications.console(this.root)
			.withPropertyValues("durable-db.console.statement-timeout=200ms", "durable-db.console.allow-writes=true")
			.run((context) -> {
				ConsoleApplications.addNotes(context, "acme", "kept");
				MockMvc mvc = ConsoleApplications.mvc(context);
				String endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) ";
				mvc.perform(query("acme", endless + "SELECT count(*) FROM c", 0))
					.andExpect(status().isBadRequest())
					.andExpect(jsonPath("$.detail", containsString("durable-db.console.statement-timeout")));
				mvc.perform(write("acme", "INSERT INTO notes (body) " + endless + "SELECT 'x' || x FROM c"))
					.andExpect(status().isBadRequest());
				mvc.perform(query("acme", "select group_concat(body) from notes", 0))
					.andExpect(jsonPath("$.rows[0][0]").value("kept"));
				assertThat(ConsoleApplications.count(context, "acme")).isEqualTo(1);
			});
	}

	@Test
	void noStatementReachesAnotherTenantsFile() {
		ConsoleApplications.console(this.root).run((context) -> {
			ConsoleApplications.addNotes(context, "acme", "acme's");
			ConsoleApplications.addNotes(context, "globex", "globex's secret");
			Path other = this.root.resolve("notes").resolve("globex.db");
			assertThat(other).exists();
			MockMvc mvc = ConsoleApplications.mvc(context);
			mvc.perform(query("acme", "ATTACH DATABASE '" + other + "' AS other", 0))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail", containsString("too many attached databases")));
			mvc.perform(query("acme", "select body from other.notes", 0)).andExpect(status().isBadRequest());
			mvc.perform(query("acme", "select group_concat(body) from notes", 0))
				.andExpect(jsonPath("$.rows[0][0]").value("acme's"));
		});
	}

	@Test
	void writesGoThroughTheTenantsWriterOnlyWhenAllowedAndAreLogged(CapturedOutput output) {
		ConsoleApplications.console(this.root).withPropertyValues("durable-db.console.allow-writes=true").run((context) -> {
			ConsoleApplications.addNotes(context, "acme", "one");
			MockMvc mvc = ConsoleApplications.mvc(context);
			mvc.perform(get("/durable-db/console/api/overview")).andExpect(jsonPath("$.writable").value(true));
			mvc.perform(write("acme", "insert into notes (body) values ('two'), ('three')"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.changes").value(2));
			mvc.perform(write("acme", "update notes set body = 'uno' where body = 'one' returning body"))
				.andExpect(jsonPath("$.rows[0][0]").value("uno"));
			// Without "write", even with writes allowed, the statement runs read-only.
			mvc.perform(query("acme", "delete from notes", 0)).andExpect(status().isBadRequest());

			assertThat(ConsoleApplications.count(context, "acme")).isEqualTo(3);
			assertThat(ConsoleApplications.count(context, "globex")).isZero();
			assertThat(output).contains("Console write on 'notes/acme': insert into notes (body) values ('two'), ('three') -> 2 changed");
		});
	}

	@Test
	void unknownOrInvalidInstancesAreRefusedAndNeverCreated() {
		ConsoleApplications.console(this.root).run((context) -> {
			MockMvc mvc = ConsoleApplications.mvc(context);
			mvc.perform(get(API + "/instances/nobody")).andExpect(status().isNotFound());
			mvc.perform(get(API + "/instances/nobody/schema")).andExpect(status().isNotFound());
			mvc.perform(query("nobody", "select 1", 0)).andExpect(status().isNotFound());
			mvc.perform(get(API + "/instances/..%2F..%2Fescaped/schema")).andExpect(status().is4xxClientError());
			mvc.perform(query("bad id", "select 1", 0)).andExpect(status().isBadRequest());
			assertThat(this.root.resolve("notes/nobody.db")).doesNotExist();
			try (var files = Files.list(this.root)) {
				assertThat(files.map((file) -> file.getFileName().toString())).doesNotContain("escaped.db");
			}
		});
	}

	@Test
	void onlyThisMachineIsAnsweredUnlessOthersAreAllowed() {
		ConsoleApplications.console(this.root).run((context) -> {
			ConsoleApplications.addNotes(context, "acme", "private");
			MockMvc mvc = ConsoleApplications.mvc(context);
			mvc.perform(from("203.0.113.9", get("/durable-db/console/")))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.detail", containsString("web-allow-others")));
			mvc.perform(from("203.0.113.9", query("acme", "select * from notes", 0))).andExpect(status().isForbidden());
			mvc.perform(from("::1", get("/durable-db/console/api/overview"))).andExpect(status().isOk());
		});
		ConsoleApplications.console(this.root).withPropertyValues("durable-db.console.web-allow-others=true").run((context) -> {
			MockMvc mvc = ConsoleApplications.mvc(context);
			mvc.perform(from("203.0.113.9", get("/durable-db/console/api/overview"))).andExpect(status().isOk());
		});
	}

	@Test
	void withReplicationThePageShowsTheBookmarkAndRestoresToATimeWithAnUndoBookmark() {
		ConsoleApplications.replicated(this.root).withPropertyValues("durable-db.console.allow-writes=true").run((context) -> {
			InstanceKey acme = new InstanceKey("notes", "acme");
			Bookmarks bookmarks = context.getBean(Bookmarks.class);
			ConsoleApplications.addNotes(context, "acme", "before");
			String before = bookmarks.current(acme);
			// Commit times are kept to the millisecond: the next commit must fall in a later one.
			Instant between = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			while (Instant.now().toEpochMilli() <= between.toEpochMilli()) {
				Thread.onSpinWait();
			}
			ConsoleApplications.addNotes(context, "acme", "after");
			MockMvc mvc = ConsoleApplications.mvc(context);
			String now = bookmarks.current(acme);
			mvc.perform(get(API + "/instances/acme"))
				.andExpect(jsonPath("$.replicated").value(true))
				.andExpect(jsonPath("$.bookmark").value(now));

			mvc.perform(get(API + "/instances/acme/restore").param("at", between.toString()))
				.andExpect(jsonPath("$.bookmark").value(before))
				.andExpect(jsonPath("$.undoBookmark").value(now));
			mvc.perform(get(API + "/instances/acme/restore").param("at", "yesterday")).andExpect(status().isBadRequest());
			mvc.perform(post(API + "/instances/acme/restore").contentType(MediaType.APPLICATION_JSON)
				.content("{\"at\": \"" + between + "\"}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.restoredTo").value(before))
				.andExpect(jsonPath("$.undoBookmark").isString());

			mvc.perform(query("acme", "select group_concat(body) from notes", 0))
				.andExpect(jsonPath("$.rows[0][0]").value("before"));
		});
	}

	@Test
	void aReadOnlyConsoleShowsTheRestorePlanButDoesNotRestore() {
		ConsoleApplications.replicated(this.root).run((context) -> {
			ConsoleApplications.addNotes(context, "acme", "stays");
			MockMvc mvc = ConsoleApplications.mvc(context);
			mvc.perform(post(API + "/instances/acme/restore").contentType(MediaType.APPLICATION_JSON)
				.content("{\"at\": \"" + Instant.now() + "\"}"))
				.andExpect(status().isForbidden());
			assertThat(ConsoleApplications.count(context, "acme")).isEqualTo(1);
		});
	}

	@Test
	void withoutReplicationThereIsNothingToRestoreTo() {
		ConsoleApplications.console(this.root).withPropertyValues("durable-db.console.allow-writes=true").run((context) -> {
			ConsoleApplications.addNotes(context, "acme", "stays");
			MockMvc mvc = ConsoleApplications.mvc(context);
			mvc.perform(get(API + "/instances/acme/restore").param("at", Instant.now().toString()))
				.andExpect(status().isConflict());
		});
	}

	private static MockHttpServletRequestBuilder query(String tenant, String sql, int page) {
		return post(API + "/instances/" + tenant + "/query").contentType(MediaType.APPLICATION_JSON)
			.content("{\"sql\": " + json(sql) + ", \"page\": " + page + "}");
	}

	private static MockHttpServletRequestBuilder write(String tenant, String sql) {
		return post(API + "/instances/" + tenant + "/query").contentType(MediaType.APPLICATION_JSON)
			.content("{\"sql\": " + json(sql) + ", \"write\": true}");
	}

	private static MockHttpServletRequestBuilder from(String address, MockHttpServletRequestBuilder request) {
		return request.with((servletRequest) -> {
			servletRequest.setRemoteAddr(address);
			return servletRequest;
		});
	}

	private static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
