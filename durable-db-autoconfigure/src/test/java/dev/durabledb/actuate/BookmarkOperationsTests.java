package dev.durabledb.actuate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import dev.durabledb.backup.BackupOperations;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.replication.DurableDbReplicationAutoConfiguration;
import dev.durabledb.replication.ReplicationStatus;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint's point-in-time operations, as the HTTP layer calls them. */
class BookmarkOperationsTests {

	@TempDir
	Path root;

	@Test
	void bookmarkRestoreAndForkAnswerWithBookmarks() {
		runner().withPropertyValues("durable-db.replication.enabled=true").run((context) -> {
			DurableDbEndpoint endpoint = context.getBean(DurableDbEndpoint.class);
			NoteActions notes = context.getBean(NoteActions.class);
			write(context, "acme", "one");
			String bookmark = (String) body(call(endpoint, "bookmark", null, null, null), 200).get("bookmark");
			write(context, "acme", "two");

			Map<String, Object> restored = body(call(endpoint, "restore", bookmark, null, null), 200);
			assertThat(restored).containsEntry("operation", "restore").containsEntry("restoredTo", bookmark);
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one");

			Map<String, Object> undone = body(call(endpoint, "restore", (String) restored.get("undoBookmark"), null, null),
					200);
			assertThat(undone.get("restoredTo")).isEqualTo(restored.get("undoBookmark"));
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one", "two");

			// A time: its last commit at or before it in the store (the current bookmark puts
			// it there), here the state the undo put back.
			body(call(endpoint, "bookmark", null, null, null), 200);
			Map<String, Object> latest = body(call(endpoint, "restore", null, "2999-01-01T00:00:00Z", null), 200);
			assertThat((String) latest.get("restoredTo")).isGreaterThan((String) undone.get("undoBookmark"));
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("one", "two");

			assertThat(body(call(endpoint, "fork", bookmark, null, "acme-then"), 200)).containsEntry("into", "acme-then");
			assertThat(Tenants.call("acme-then", notes::bodies)).containsExactly("one");
		});
	}

	@Test
	void theInstanceViewShowsWhereReplicationStands() {
		runner().withPropertyValues("durable-db.replication.enabled=true").run((context) -> {
			DurableDbEndpoint endpoint = context.getBean(DurableDbEndpoint.class);
			write(context, "acme", "one");
			String bookmark = (String) body(call(endpoint, "bookmark", null, null, null), 200).get("bookmark");

			ReplicationStatus shipped = view(endpoint).replication();
			assertThat(shipped.bookmark()).isEqualTo(bookmark);
			assertThat(bookmark).startsWith(shipped.generation() + "-");
			assertThat(shipped.pendingSince()).isNull();
			assertThat(shipped.lag()).isZero();
			assertThat(shipped.lastCommitAt()).isNotNull();
			assertThat(shipped.failing()).isFalse();
			assertThat(shipped.oldestRestorable()).isNotNull();

			write(context, "acme", "two");
			assertThat(view(endpoint).replication().pendingSince()).isNotNull();
		});
		runner().withPropertyValues("durable-db.replication.enabled=false").run((context) -> {
			write(context, "acme", "one");
			assertThat(view(context.getBean(DurableDbEndpoint.class)).replication()).isNull();
		});
	}

	@Test
	void badInputIsAProblemAndChangesNothing() {
		runner().withPropertyValues("durable-db.replication.enabled=true").run((context) -> {
			DurableDbEndpoint endpoint = context.getBean(DurableDbEndpoint.class);
			write(context, "acme", "one");
			write(context, "globex", "theirs");
			String bookmark = (String) body(call(endpoint, "bookmark", null, null, null), 200).get("bookmark");

			assertThat(detail(call(endpoint, "restore", null, "yesterday", null), 400)).contains("ISO-8601");
			assertThat(detail(call(endpoint, "restore", "not-a-bookmark", null, null), 400)).contains("Not a bookmark");
			assertThat(detail(call(endpoint, "restore", null, null, null), 400)).contains("\"bookmark\" or \"at\"");
			assertThat(detail(call(endpoint, "bookmark", null, "2000-01-01T00:00:00Z", null), 404))
				.contains("no commit at or before");
			assertThat(detail(call(endpoint, "fork", bookmark, null, "globex"), 409)).contains("already exists");
			assertThat(detail(call(endpoint, "fork", bookmark, null, null), 400)).contains("\"into\"");
			assertThat(detail(call(endpoint, "fork", bookmark, null, "../out"), 400)).isNotBlank();

			assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::bodies)).containsExactly("one");
			assertThat(Tenants.call("globex", context.getBean(NoteActions.class)::bodies)).containsExactly("theirs");
			assertThat(context.getBean(TenantDirectory.class).list()).containsExactlyInAnyOrder("acme", "globex");
		});
	}

	@Test
	void hostileStoreContentsAreA400AndLeaveTheInstanceAsItWas() {
		runner().run((context) -> {
			DurableDbEndpoint endpoint = context.getBean(DurableDbEndpoint.class);
			NoteActions notes = context.getBean(NoteActions.class);
			write(context, "globex", "theirs");
			body(endpoint.instanceOperation("notes", "globex", "bookmark", null, null, null, null, null), 200);
			write(context, "globex", "theirs too");
			body(endpoint.instanceOperation("notes", "globex", "bookmark", null, null, null, null, null), 200);
			write(context, "acme", "one");
			body(call(endpoint, "bookmark", null, null, null), 200);
			write(context, "acme", "two");
			body(call(endpoint, "bookmark", null, null, null), 200);
			write(context, "acme", "three");
			String bookmark = (String) body(call(endpoint, "bookmark", null, null, null), 200).get("bookmark");
			Path generation = this.root.resolve("backups/replication/notes/acme.db").resolve(bookmark.substring(0, 16));
			Path first = generation.resolve("0000000000000001-0000000000000001.segment");
			Path second = generation.resolve("0000000000000002-0000000000000002.segment");
			Path theirs;
			try (var files = Files.walk(this.root.resolve("backups/replication/notes/globex.db"))) {
				theirs = files.filter((file) -> file.toString().endsWith("0000000000000001-0000000000000001.segment"))
					.findFirst()
					.orElseThrow();
			}
			Map<String, Hostile> cases = new java.util.LinkedHashMap<>();
			cases.put("cut short", () -> Files.write(second, java.util.Arrays.copyOf(Files.readAllBytes(second), 40)));
			cases.put("a flipped byte", () -> {
				byte[] bytes = Files.readAllBytes(first);
				bytes[bytes.length / 2] ^= 0x10;
				Files.write(first, bytes);
			});
			cases.put("a gap", () -> Files.delete(first));
			cases.put("another instance's", () -> Files.copy(theirs, first, StandardCopyOption.REPLACE_EXISTING));
			cases.put("named for other commits", () -> Files.move(second,
					generation.resolve("0000000000000002-0000000000000003.segment")));

			for (Map.Entry<String, Hostile> hostile : cases.entrySet()) {
				Path kept = Files.createTempDirectory(this.root, "kept");
				FileSystemUtils.copyRecursively(generation, kept);
				hostile.getValue().apply();

				assertThat(detail(call(endpoint, "restore", bookmark, null, null), 400)).as(hostile.getKey())
					.contains("Cannot restore");

				assertThat(Tenants.call("acme", notes::bodies)).as(hostile.getKey()).containsExactly("one", "two", "three");
				assertThat(context.getBean(BackupOperations.class).list("notes", "acme")).as(hostile.getKey()).isEmpty();
				FileSystemUtils.deleteRecursively(generation);
				FileSystemUtils.copyRecursively(kept, generation);
			}
			body(call(endpoint, "restore", bookmark, null, null), 200);
		});
	}

	/** Something done to the store behind the starter's back. */
	@FunctionalInterface
	private interface Hostile {

		void apply() throws Exception;

	}

	@Test
	void withoutReplicationBookmarksAreAProblemSayingSo() {
		runner().withPropertyValues("durable-db.replication.enabled=false").run((context) -> {
			write(context, "acme", "one");
			assertThat(detail(call(context.getBean(DurableDbEndpoint.class), "bookmark", null, null, null), 400))
				.contains("durable-db.replication.enabled=true");
		});
	}

	private ApplicationContextRunner runner() {
		return TestApplications.withActions(this.root.resolve("data"))
			.withConfiguration(StarterConfigurations.backups())
			.withConfiguration(AutoConfigurations.of(DurableDbReplicationAutoConfiguration.class,
					DurableDbEndpointAutoConfiguration.class, EndpointAutoConfiguration.class))
			.withPropertyValues("durable-db.backup.file.dir=" + this.root.resolve("backups"),
					"management.endpoints.web.exposure.include=durabledb",
					"management.endpoint.durabledb.access=UNRESTRICTED", "durable-db.replication.sync-interval=1h");
	}

	private static DurableDbEndpoint.InstanceDescriptor view(DurableDbEndpoint endpoint) {
		WebEndpointResponse<Object> response = endpoint.instance("notes", "acme");
		assertThat(response.getStatus()).isEqualTo(200);
		return (DurableDbEndpoint.InstanceDescriptor) response.getBody();
	}

	private static WebEndpointResponse<Object> call(DurableDbEndpoint endpoint, String operation,
			String bookmark, String at, String into) {
		return endpoint.instanceOperation("notes", "acme", operation, null, null, bookmark, at, into);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> body(WebEndpointResponse<Object> response, int status) {
		assertThat(response.getStatus()).as(String.valueOf(response.getBody())).isEqualTo(status);
		return (Map<String, Object>) response.getBody();
	}

	private static String detail(WebEndpointResponse<Object> response, int status) {
		assertThat(response.getStatus()).as(String.valueOf(response.getBody())).isEqualTo(status);
		return String.valueOf(response.getBody());
	}

	private static void write(ApplicationContext context, String tenant, String... bodies) {
		NoteActions notes = context.getBean(NoteActions.class);
		for (String body : bodies) {
			Tenants.run(tenant, () -> notes.add(body));
		}
	}

}
