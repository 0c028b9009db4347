package dev.durabledb.demo;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.jayway.jsonpath.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static dev.durabledb.test.DurableDbRequests.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Backup, restore, archive and export through the secured actuator endpoints. */
@SpringBootTest
@AutoConfigureMockMvc
class DemoBackupTests {

	@Autowired
	MockMvc mvc;

	private String tenant;

	@BeforeEach
	void aTenant() throws Exception {
		this.tenant = "t" + System.nanoTime();
		this.mvc.perform(post("/api/tenants").contentType(MediaType.APPLICATION_JSON)
			.content("{\"id\": \"" + this.tenant + "\"}")).andExpect(status().isCreated());
	}

	@Test
	void backupThenRestoreThroughTheActuator() throws Exception {
		addUser("before-1");
		addUser("before-2");
		String backup = JsonPath.read(operation("{\"operation\": \"backup\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.backup.reason").value("manual"))
			.andExpect(jsonPath("$.backup.sha256").isString())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		addUser("after");

		operation("{\"operation\": \"restore\", \"backup\": \"" + backup + "\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.restored.id").value(backup))
			.andExpect(jsonPath("$.preRestoreBackup").isString());

		assertThat(names()).containsExactly("before-1", "before-2");
		addUser("served");
		assertThat(names()).containsExactly("before-1", "before-2", "served");
		this.mvc.perform(get("/actuator/durabledb/main/" + this.tenant).with(DemoSecurity.admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.backups", hasSize(2)))
			.andExpect(jsonPath("$.backups[0].reason").value("pre-restore"))
			.andExpect(jsonPath("$.backups[1].id").value(backup))
			.andExpect(jsonPath("$.backups[1].createdAt").isString())
			.andExpect(jsonPath("$.backups[1].sizeBytes").isNumber());
	}

	@Test
	void badRestoreRequestsAreClearClientErrorsAndLeaveTheDataAlone() throws Exception {
		addUser("kept");
		operation("{\"operation\": \"restore\", \"backup\": \"20260101T000000000Z-00000000\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("has no backup")));
		operation("{\"operation\": \"restore\", \"backup\": \"../../etc\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("not a backup id")));
		operation("{\"operation\": \"restore\"}").andExpect(status().isBadRequest());
		operation("{\"operation\": \"explode\"}").andExpect(status().isBadRequest());
		assertThat(names()).containsExactly("kept");
	}

	@Test
	void backingUpAWholeDatabase() throws Exception {
		addUser("one");
		this.mvc.perform(post("/actuator/durabledb/main").with(DemoSecurity.admin())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"operation\": \"backup\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.run.failed").value(0))
			.andExpect(jsonPath("$.run.backedUp").isNumber());
	}

	@Test
	void theArchiveHoldsEveryTenant() throws Exception {
		addUser("archived");
		byte[] zip = this.mvc.perform(get("/actuator/durabledbarchive/main").with(DemoSecurity.admin()))
			.andExpect(status().isOk())
			.andExpect(content().contentType("application/zip"))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		List<String> names = new ArrayList<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				names.add(entry.getName());
			}
		}
		assertThat(names).contains("main/" + this.tenant + ".db", "durable-db-archive.json");
		this.mvc.perform(get("/actuator/durabledbarchive/nope").with(DemoSecurity.admin()))
			.andExpect(status().isNotFound());
	}

	@Test
	void anExportIsStartedPolledAndDownloaded() throws Exception {
		addUser("exported");
		String export = JsonPath.read(operation("{\"operation\": \"export\"}").andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.export");
		String download = awaitExport(export);
		this.mvc.perform(get(download).with(DemoSecurity.admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("CREATE TABLE users")))
			.andExpect(content().string(containsString("'exported'")));
		operation("{\"operation\": \"export-status\", \"export\": \"unknown\"}").andExpect(status().isNotFound());
	}

	private String awaitExport(String export) {
		String body = Awaitility.await("export " + export)
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> exportStatus(export), (status) -> !JsonPath.read(status, "$.status").equals("running"));
		assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("done");
		return JsonPath.read(body, "$.download");
	}

	private String exportStatus(String export) throws Exception {
		return operation("{\"operation\": \"export-status\", \"export\": \"" + export + "\"}")
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private ResultActions operation(String body) throws Exception {
		return this.mvc.perform(post("/actuator/durabledb/main/" + this.tenant).with(DemoSecurity.admin())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	private void addUser(String name) throws Exception {
		this.mvc.perform(post("/api/users").with(tenant(this.tenant))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + name + "\", \"email\": \"" + name + "@" + this.tenant + ".test\"}"))
			.andExpect(status().isCreated());
	}

	private List<String> names() throws Exception {
		String body = this.mvc.perform(get("/api/users").with(tenant(this.tenant)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$[*].name");
	}

}
