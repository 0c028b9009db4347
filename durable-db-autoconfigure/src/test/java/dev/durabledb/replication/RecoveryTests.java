package dev.durabledb.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disaster recovery: the data dir lost, every tenant rebuilt from the store alone, at
 * startup or through the Java API; and what deletions leave in the store.
 */
class RecoveryTests {

	@TempDir
	Path root;

	private ReplicationHarness harness;

	@BeforeEach
	void harness() {
		this.harness = new ReplicationHarness(this.root);
	}

	@Test
	void startingOnAnEmptyDataDirWithRecoverRebuildsEveryTenantButTheDeletedOnes() throws Exception {
		this.harness.replicating().run((context) -> {
			ReplicationHarness.write(context, "acme", "a1", "a2");
			ReplicationHarness.write(context, "globex", "g1");
			ReplicationHarness.write(context, "gone", "x");
			context.getBean(Replicator.class).shipNow(new InstanceKey("notes", "gone"));
			context.getBean(TenantDirectory.class).delete("gone");
		});
		String generation = this.harness.replica().latest().orElseThrow().generation();
		FileSystemUtils.deleteRecursively(this.root.resolve("data"));

		this.harness.replicating().withPropertyValues("durable-db.replication.recover.databases=notes").run((context) -> {
			assertThat(context).hasNotFailed();
			NoteActions notes = context.getBean(NoteActions.class);
			assertThat(context.getBean(TenantDirectory.class).list()).containsExactlyInAnyOrder("acme", "globex");
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("a1", "a2");
			assertThat(Tenants.call("globex", notes::bodies)).containsExactly("g1");

			// Recovered at its last commit, the file continues its generation.
			ReplicationHarness.write(context, "acme", "a3");
			Bookmark next = context.getBean(Replicator.class).shipNow(new InstanceKey("notes", "acme"));
			assertThat(next.generation()).isEqualTo(generation);
			assertThat(this.harness.rebuilt(next)).containsExactly("a1", "a2", "a3");
		});
	}

	@Test
	void recoveringToATimeGivesEachTenantItsLastCommitByThen() throws Exception {
		SettableClock clock = new SettableClock(Instant.parse("2026-12-02T10:00:00Z"));
		this.harness.replicating().withBean(Clock.class, () -> clock).run((context) -> {
			ReplicationHarness.write(context, "acme", "one");
			context.getBean(Bookmarks.class).current(new InstanceKey("notes", "acme"));
			clock.advance(Duration.ofMinutes(5));
			ReplicationHarness.write(context, "acme", "two");
		});
		FileSystemUtils.deleteRecursively(this.root.resolve("data"));

		this.harness.replicating()
			.withPropertyValues("durable-db.replication.recover.databases=*",
					"durable-db.replication.recover.at=2026-12-02T10:01:00Z")
			.run((context) -> assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::bodies))
				.containsExactly("one"));
	}

	@Test
	void oneTenantCanBeRecoveredAloneAndExistingFilesAreNeverTouched() throws Exception {
		this.harness.replicating().run((context) -> {
			ReplicationHarness.write(context, "acme", "a1");
			ReplicationHarness.write(context, "globex", "g1");
		});
		FileSystemUtils.deleteRecursively(this.root.resolve("data"));

		this.harness.replicating().run((context) -> {
			Recovery recovery = context.getBean(Recovery.class);
			RecoveryResult acme = recovery.recover("notes", "acme", null);
			assertThat(acme.recovered()).containsExactly("acme");
			assertThat(context.getBean(TenantDirectory.class).list()).containsExactly("acme");
			ReplicationHarness.write(context, "acme", "a2");

			RecoveryResult all = recovery.recover("notes", null, null);

			assertThat(all.recovered()).containsExactly("globex");
			assertThat(all.skipped()).containsExactly("acme");
			assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::bodies)).containsExactly("a1", "a2");
		});
	}

	@Test
	void aTenantWhoseHistoryIsDamagedFailsStartupByNameAndTheOthersAreRecovered() throws Exception {
		this.harness.replicating().run((context) -> {
			ReplicationHarness.write(context, "acme", "a1");
			ReplicationHarness.write(context, "globex", "g1");
			context.getBean(Replicator.class).shipNow(new InstanceKey("notes", "globex"));
			ReplicationHarness.write(context, "globex", "g2");
		});
		ObjectStore store = this.harness.store();
		String segment = store.list("replication/notes/globex.db/")
			.stream()
			.filter((key) -> key.endsWith(".segment"))
			.findFirst()
			.orElseThrow();
		byte[] bytes = store.read(segment);
		bytes[bytes.length / 2] ^= 0x01;
		store.put(segment, bytes);
		FileSystemUtils.deleteRecursively(this.root.resolve("data"));

		this.harness.replicating().withPropertyValues("durable-db.replication.recover.databases=notes").run((context) -> {
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Could not recover 1 instances of 'notes' from the store: [globex]");
		});
		assertThat(this.root.resolve("data/notes/acme.db")).exists();
		assertThat(this.root.resolve("data/notes/globex.db")).doesNotExist();
		try (var staging = Files.list(this.root.resolve("data/notes/.durable-db/staging"))) {
			assertThat(staging.toList()).isEmpty();
		}
	}

	@Test
	void anUnknownDatabaseAnUnreadableTimeOrAStrayTenantIdRecoverNothingAndSaySo() throws Exception {
		this.harness.replicating().run((context) -> ReplicationHarness.write(context, "acme", "a1"));
		FileSystemUtils.deleteRecursively(this.root.resolve("data"));

		this.harness.replicating().withPropertyValues("durable-db.replication.recover.databases=nope").run((context) ->
				assertThat(context).getFailure().rootCause().hasMessageContaining("nope"));
		this.harness.replicating()
			.withPropertyValues("durable-db.replication.recover.databases=notes", "durable-db.replication.recover.at=yesterday")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("durable-db.replication.recover.at"));
		this.harness.replicating()
			.withPropertyValues("durable-db.replication.recover.databases=notes",
					"durable-db.replication.recover.tenant=../../escaped")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(TenantDirectory.class).list()).isEmpty();
			});
		try (var written = Files.walk(this.root)) {
			assertThat(written.filter((file) -> file.getFileName().toString().contains("escaped")).toList()).isEmpty();
		}

		// The history is still whole: a proper recovery finds everything.
		this.harness.replicating().withPropertyValues("durable-db.replication.recover.databases=notes").run((context) ->
				assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::bodies)).containsExactly("a1"));
	}

	@Test
	void aDeletedTenantsHistoryIsKeptUntilRetentionEndsItOrDeletedWithItAsKeepDeletedSays() {
		SettableClock clock = new SettableClock(Instant.parse("2026-10-01T10:00:00Z"));
		this.harness.replicating().withBean(Clock.class, () -> clock).run((context) -> {
			deleteAfterShipping(context, "acme");
			Replica replica = this.harness.replica();
			assertThat(replica.generations()).hasSize(1);
			assertThat(replica.deletedAt()).contains(clock.instant());

			clock.advance(Duration.ofDays(29));
			assertThat(context.getBean(Replicator.class).retentionSweep().expireAll()).isZero();
			clock.advance(Duration.ofDays(2));
			assertThat(context.getBean(Replicator.class).retentionSweep().expireAll()).isEqualTo(1);
			assertThat(this.harness.store().list("replication/notes/acme.db/")).isEmpty();
		});
		this.harness.replicating().withPropertyValues("durable-db.tenant.keep-deleted=false").run((context) -> {
			deleteAfterShipping(context, "globex");
			assertThat(this.harness.store().list("replication/notes/globex.db/")).isEmpty();
		});
	}

	@Test
	void aTenantMadeAgainAfterItsDeletionIsRecoveredAgain() throws Exception {
		this.harness.replicating().run((context) -> {
			deleteAfterShipping(context, "acme");
			ReplicationHarness.write(context, "acme", "again");
			context.getBean(Replicator.class).shipNow(new InstanceKey("notes", "acme"));
			assertThat(this.harness.replica().deletedAt()).isEmpty();
		});
		FileSystemUtils.deleteRecursively(this.root.resolve("data"));
		this.harness.replicating().run((context) -> {
			assertThat(context.getBean(Recovery.class).recover("notes", null, null).recovered()).containsExactly("acme");
			assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::bodies)).containsExactly("again");
		});
	}

	private static void deleteAfterShipping(ApplicationContext context, String tenant) throws Exception {
		ReplicationHarness.write(context, tenant, "x");
		context.getBean(Replicator.class).shipNow(new InstanceKey("notes", tenant));
		context.getBean(TenantDirectory.class).delete(tenant);
	}

}
