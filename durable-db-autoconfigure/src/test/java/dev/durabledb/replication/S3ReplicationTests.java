package dev.durabledb.replication;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.S3Proxies;
import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.s3.S3ObjectStore;
import dev.durabledb.tenant.Tenants;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Replication to a real S3 protocol server (S3Proxy) on loopback. */
class S3ReplicationTests {

	@RegisterExtension
	static final S3ProxyExtension S3_PROXY = S3Proxies.server();

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	@TempDir
	Path root;

	private S3Client client;

	@BeforeEach
	void bucket() {
		this.client = S3Proxies.client(S3_PROXY);
		this.client.createBucket((request) -> request.bucket("replica"));
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void shippedThroughS3EveryBookmarkRestoresExactlyAndForks() {
		ObjectStore store = new S3ObjectStore(this.client, "replica", "team/durable-db");
		TestApplications.withActions(this.root.resolve("data"))
			.withConfiguration(StarterConfigurations.backups())
			.withConfiguration(AutoConfigurations.of(DurableDbReplicationAutoConfiguration.class))
			.withBean(ObjectStore.class, () -> store)
			.withPropertyValues("durable-db.replication.enabled=true", "durable-db.replication.sync-interval=1h",
					"durable-db.replication.checkpoint-frames=4")
			.run((context) -> {
				Bookmarks bookmarks = context.getBean(Bookmarks.class);
				NoteActions notes = context.getBean(NoteActions.class);
				List<String> marks = new ArrayList<>();
				for (int i = 0; i < 12; i++) {
					int note = i;
					Tenants.run("acme", () -> notes.add("note " + note));
					marks.add(bookmarks.current(ACME));
				}

				String undo = bookmarks.restore(ACME, marks.get(4));
				assertThat(Tenants.call("acme", notes::bodies)).hasSize(5).last().isEqualTo("note 4");
				bookmarks.restore(ACME, undo);
				assertThat(Tenants.call("acme", notes::bodies)).hasSize(12);
				bookmarks.fork(ACME, marks.get(8), "acme-then");
				assertThat(Tenants.call("acme-then", notes::bodies)).hasSize(9).last().isEqualTo("note 8");
				assertThat(store.list("replication/notes/acme.db/")).anyMatch((key) -> key.endsWith(".segment"));
			});
	}

	@Test
	void throughS3AClaimLostToATakeoverFencesTheOldOwnerOffAndItsSegmentIsIgnored() {
		MapFence fenceA = new MapFence();
		MapFence fenceB = new MapFence();
		fencedNode("a", fenceA).run((a) -> fencedNode("b", fenceB).run((b) -> {
			ObjectStore store = s3Store();
			Replica replica = new Replica(store, "notes", "acme", "acme.db");
			fenceA.grant(ACME, 1);
			ReplicationHarness.write(a, "acme", "a1", "a2");
			fenceB.grant(ACME, 2);
			b.getBean(Replicator.class).takeOver(ACME);
			ReplicationHarness.write(b, "acme", "b1");

			NoteActions notesA = a.getBean(NoteActions.class);
			assertThatExceptionOfType(HistoryFencedException.class)
				.isThrownBy(() -> Tenants.run("acme", () -> notesA.add("a3")));
			assertThat(fenceA.fencedOff).containsExactly(ACME);
			assertThat(store.list("replication/notes/acme.db/")).anyMatch((key) -> key.endsWith(".claim"))
				.filteredOn((key) -> key.matches(".*\\.e0{15}1\\.segment"))
				.hasSize(2);
			Path rebuilt = this.root.resolve("rebuilt.db");
			replica.rebuild(replica.latest().orElseThrow(), rebuilt);
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + rebuilt)) {
				assertThat(ReplicationHarness.bodies(connection)).containsExactly("a1", "a2", "b1");
			}
		}));
	}

	private ApplicationContextRunner fencedNode(String name, HistoryFence fence) {
		return TestApplications.withActions(this.root.resolve(name))
			.withConfiguration(StarterConfigurations.backups())
			.withConfiguration(AutoConfigurations.of(DurableDbReplicationAutoConfiguration.class))
			.withBean(ObjectStore.class, this::s3Store)
			.withBean(HistoryFence.class, () -> fence)
			.withPropertyValues("durable-db.replication.enabled=true", "durable-db.replication.sync-interval=1h",
					"durable-db.replication.acknowledge=replicated");
	}

	private ObjectStore s3Store() {
		return new S3ObjectStore(this.client, "replica", "team/durable-db");
	}

}
