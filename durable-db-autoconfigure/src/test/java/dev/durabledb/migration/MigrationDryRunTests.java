package dev.durabledb.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.durabledb.database.UnknownDatabaseException;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.io.Sha256;
import dev.durabledb.tenant.Tenants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Migration dry-runs across "deployments": tenants written by one release, validated by
 * the next one over the same data dir, then migrated for real, which must go as the
 * dry-run said.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationDryRunTests {

	private static final String V1 = "classpath:db/durable/notes/changelog.yaml";

	/** V1 and two changesets: a table filled from the notes, then a unique index over their bodies. */
	private static final String UNIQUE = "classpath:changelogs/replay/notes-unique.yaml";

	@TempDir
	Path root;

	@ParameterizedTest(name = "replay={0}")
	@ValueSource(booleans = { true, false })
	void predictsWhichTenantsWouldFailWithoutChangingAnyLiveFile(boolean replay) {
		release(V1).run((context) -> {
			writeNotes(context, "acme", "a1", "a2");
			writeNotes(context, "globex", "g1");
			writeNotes(context, "initech", "same", "same");
		});

		release(UNIQUE).withPropertyValues("durable-db.migration.replay=" + replay).run((context) -> {
			// A tenant of this release: open, current, its last commits still in its write-ahead log.
			writeNotes(context, "fresh", "new");
			Map<String, String> live = liveFiles();
			assertThat(live).containsKeys("fresh.db-wal", "acme.db", "initech.db");
			Map<String, Double> counted = migrationCounters(context);

			MigrationDryRunReport report = context.getBean(MigrationDryRun.class).validate("notes");

			assertThat(report.database()).isEqualTo("notes");
			assertThat(report.fingerprint()).isEqualTo(context.getBean(SchemaInspector.class).fingerprint("notes"));
			assertThat(report.instancesInDatabase()).isEqualTo(4);
			assertThat(report.total()).isEqualTo(4);
			assertThat(report.succeeded()).isEqualTo(2);
			assertThat(report.failed()).isEqualTo(1);
			assertThat(report.upToDate()).isEqualTo(1);
			assertThat(report.notChecked()).isZero();
			assertThat(report.allWouldMigrate()).isFalse();
			MigrationPath path = replay ? MigrationPath.REPLAY : MigrationPath.LIQUIBASE;
			assertThat(report.instances()).extracting(InstanceDryRun::instance, InstanceDryRun::outcome,
					InstanceDryRun::path)
				.containsExactly(tuple("acme", DryRunOutcome.WOULD_SUCCEED, path),
						tuple("fresh", DryRunOutcome.UP_TO_DATE, null),
						tuple("globex", DryRunOutcome.WOULD_SUCCEED, path),
						tuple("initech", DryRunOutcome.WOULD_FAIL, path));
			InstanceDryRun initech = report.failures().get(0);
			assertThat(initech.instance()).isEqualTo("initech");
			assertThat(initech.changeSet())
				.isEqualTo(new ChangeSetId("301-unique", "durable-db-tests", "changelogs/replay/notes-unique.yaml"));
			assertThat(initech.error()).contains("UNIQUE constraint failed: notes.body")
				.doesNotContain(this.root.toString());
			assertThat(initech.plan()).startsWith(replay ? "replay: 1 step, " : "liquibase: replay is off");
			assertThat(report.instances()).allSatisfy((result) -> assertThat(result.took()).isPositive());

			// Nothing live changed: files, their migration state, metrics; no copy left behind.
			assertThat(liveFiles()).isEqualTo(live);
			assertThat(hiddenFiles("staging")).isEmpty();
			assertThat(hiddenFiles("snapshots")).isEmpty();
			MigrationStatus status = context.getBean(SchemaInspector.class).status(new InstanceKey("notes", "initech"));
			assertThat(status.attempts()).isZero();
			assertThat(status.lastError()).isNull();
			assertThat(status.upToDate()).isFalse();
			assertThat(migrationCounters(context)).isEqualTo(counted);
			assertThat(context.getBean(SchemaMigrations.class).failingInstances()).isEmpty();

			// The real migration goes as predicted.
			NoteActions notes = context.getBean(NoteActions.class);
			assertThat(Tenants.call("acme", notes::count)).isEqualTo(2);
			assertThat(Tenants.call("globex", notes::count)).isEqualTo(1);
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> Tenants.call("initech", notes::count));
			assertThat(context.getBean(SchemaInspector.class).status(new InstanceKey("notes", "initech")).lastError())
				.contains("UNIQUE constraint failed: notes.body");
		});
	}

	@Test
	void theCopyHoldsCommitsThatAreStillInTheLiveWriteAheadLog() throws Exception {
		release(V1).run((context) -> writeNotes(context, "acme", "same"));
		Path file = this.root.resolve("data/notes/acme.db");
		// Another connection commits a duplicate that stays in the log: the file alone has no duplicate.
		try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = holder.createStatement()) {
			statement.execute("PRAGMA wal_autocheckpoint = 0");
			statement.execute("INSERT INTO notes (body) VALUES ('same')");
			assertThat(Files.size(file.resolveSibling("acme.db-wal"))).isPositive();
			Map<String, String> live = liveFiles();

			release(UNIQUE).run((context) -> {
				MigrationDryRunReport report = context.getBean(MigrationDryRun.class).validate("notes");

				assertThat(report.failures()).singleElement()
					.satisfies((acme) -> assertThat(acme.error()).contains("UNIQUE constraint failed: notes.body"));
				assertThat(liveFiles()).isEqualTo(live);
				assertThat(hiddenFiles("staging")).isEmpty();
			});
		}
	}

	@Test
	void aMigrationACrashInterruptedIsTriedFromItsPreMigrationSnapshotAsTheNextOpenWould() throws Exception {
		release(V1).run((context) -> writeNotes(context, "acme", "kept"));
		String[] fingerprint = new String[1];
		release("classpath:changelogs/notes-v2.yaml")
			.run((context) -> fingerprint[0] = context.getBean(SchemaInspector.class).fingerprint("notes"));
		Path file = this.root.resolve("data/notes/acme.db");
		// What a kill during the Liquibase migration leaves: the attempt counted, the snapshot, the DDL unrecorded.
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
			connection.createStatement()
				.executeUpdate("UPDATE durable_db_instance SET attempts = 1, failed_fingerprint = '" + fingerprint[0]
						+ "' WHERE id = 1");
		}
		Path snapshot = Files.createDirectories(this.root.resolve("data/notes/.durable-db/snapshots"))
			.resolve("acme.db.pre-migration");
		Files.copy(file, snapshot);
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
			connection.createStatement().execute("ALTER TABLE notes ADD COLUMN tag TEXT NOT NULL DEFAULT 'untagged'");
		}
		Map<String, String> live = liveFiles();
		String snapshotHash = hash(snapshot);

		release("classpath:changelogs/notes-v2.yaml").run((context) -> {
			MigrationDryRunReport report = context.getBean(MigrationDryRun.class).validate("notes");

			// Applied to the live file, the changeset would fail (the column is there): the snapshot is the start.
			assertThat(report.instances()).singleElement().satisfies((acme) -> {
				assertThat(acme.outcome()).isEqualTo(DryRunOutcome.WOULD_SUCCEED);
				assertThat(acme.path()).isEqualTo(MigrationPath.REPLAY);
			});
			assertThat(liveFiles()).isEqualTo(live);
			assertThat(hash(snapshot)).isEqualTo(snapshotHash);
			assertThat(hiddenFiles("snapshots")).containsExactly("acme.db.pre-migration");

			assertThat(Tenants.call("acme", context.getBean(NoteActions.class)::bodies)).containsExactly("kept");
		});
	}

	@Test
	void aFileThatIsNotADatabaseIsReportedAsNotCheckedAndLeftAsItIs() throws Exception {
		release(V1).run((context) -> writeNotes(context, "acme", "one"));
		Files.writeString(this.root.resolve("data/notes/broken.db"), "not a database, whatever its name says");
		Map<String, String> live = liveFiles();

		release(UNIQUE).run((context) -> {
			MigrationDryRunReport report = context.getBean(MigrationDryRun.class).validate("notes");

			assertThat(report.succeeded()).isEqualTo(1);
			assertThat(report.notChecked()).isEqualTo(1);
			assertThat(report.allWouldMigrate()).isFalse();
			assertThat(report.instances()).filteredOn((result) -> result.instance().equals("broken"))
				.singleElement()
				.satisfies((broken) -> {
					assertThat(broken.outcome()).isEqualTo(DryRunOutcome.NOT_CHECKED);
					assertThat(broken.path()).isNull();
					assertThat(broken.error()).startsWith("Could not copy or read the instance: ")
						.contains("not a database")
						.doesNotContain(this.root.toString());
				});
			assertThat(liveFiles()).isEqualTo(live);
			assertThat(hiddenFiles("staging")).isEmpty();
		});
	}

	@Test
	void aSampleChecksExactlyThatManyInstances() {
		release(V1).run((context) -> {
			for (int i = 0; i < 10; i++) {
				writeNotes(context, "t" + i, "note");
			}
			MigrationDryRun dryRun = context.getBean(MigrationDryRun.class);

			MigrationDryRunReport sample = dryRun.validate("notes", 4);
			assertThat(sample.total()).isEqualTo(4);
			assertThat(sample.instancesInDatabase()).isEqualTo(10);
			assertThat(sample.instances()).extracting(InstanceDryRun::instance)
				.doesNotHaveDuplicates()
				.allSatisfy((id) -> assertThat(id).matches("t[0-9]"))
				.isSorted();
			assertThat(sample.upToDate()).isEqualTo(4);
			assertThat(sample.instances()).allSatisfy((result) -> {
				assertThat(result.path()).isNull();
				assertThat(result.changeSet()).isNull();
				assertThat(result.error()).isNull();
			});
			assertThat(dryRun.validate("notes", 25).total()).isEqualTo(10);
			assertThat(dryRun.validate("notes", 10).total()).isEqualTo(10);
		});
	}

	@Test
	void aBadSampleOrAnUnknownDatabaseIsRefusedBeforeAnythingIsCopied() {
		release(V1).run((context) -> {
			writeNotes(context, "acme", "one");
			MigrationDryRun dryRun = context.getBean(MigrationDryRun.class);

			assertThatIllegalArgumentException().isThrownBy(() -> dryRun.validate("notes", 0))
				.withMessage("A sample holds 1 instance or more, not 0");
			assertThatIllegalArgumentException().isThrownBy(() -> dryRun.validate("notes", -3));
			assertThatExceptionOfType(UnknownDatabaseException.class).isThrownBy(() -> dryRun.validate("nope"))
				.withMessageContaining("'nope'");
			assertThat(this.root.resolve("data/nope")).doesNotExist();
			assertThat(hiddenFiles("staging")).isEmpty();
		});
	}

	@ParameterizedTest(name = "{0} tenants, replay={1}")
	@CsvSource({ "300, true", "40, false" })
	void manyTenantsAreCheckedInParallelWithProgressInTheLog(int tenants, boolean replay, CapturedOutput output)
			throws Exception {
		release(V1).run((context) -> {
			for (int i = 0; i < tenants; i++) {
				// Every tenth tenant repeats a note: the unique index fails on it.
				writeNotes(context, "t" + i, "note " + i, (i % 10 == 0) ? "note " + i : "other " + i);
			}
		});
		Map<String, String> live = liveFiles();

		release(UNIQUE).withPropertyValues("durable-db.migration.parallelism=4", "durable-db.migration.replay=" + replay)
			.run((context) -> {
				MigrationDryRunReport report = context.getBean(MigrationDryRun.class).validate("notes");

				assertThat(report.total()).isEqualTo(tenants);
				assertThat(report.failed()).isEqualTo(tenants / 10);
				assertThat(report.succeeded()).isEqualTo(tenants - tenants / 10);
				assertThat(report.failures()).extracting(InstanceDryRun::instance)
					.allSatisfy((id) -> assertThat(Integer.parseInt(id.substring(1)) % 10).isZero());
				assertThat(report.failures()).allSatisfy((failure) -> {
					assertThat(failure.changeSet().id()).isEqualTo("301-unique");
					assertThat(failure.error()).contains("UNIQUE constraint failed: notes.body");
				});
			});
		assertThat(liveFiles()).isEqualTo(live);
		assertThat(hiddenFiles("staging")).isEmpty();
		assertThat(output).contains("Migration dry-run of 'notes': " + tenants + "/" + tenants + " (")
			.contains("Migration dry-run of 'notes' done: of " + tenants + " instances checked, "
					+ (tenants - tenants / 10) + " would migrate, " + tenants / 10 + " would fail");
	}

	private ApplicationContextRunner release(String changelog) {
		return TestApplications.withActions(this.root.resolve("data"))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("durable-db.databases.notes.changelog=" + changelog);
	}

	/**
	 * Every file of the notes tenants (databases and write-ahead logs; shared-memory files
	 * are scratch space that readers write in) by name, with its SHA-256 and modification
	 * time.
	 */
	private Map<String, String> liveFiles() {
		Map<String, String> files = new TreeMap<>();
		try (Stream<Path> entries = Files.list(this.root.resolve("data/notes"))) {
			for (Path file : entries.filter(Files::isRegularFile).toList()) {
				String name = file.getFileName().toString();
				if (!name.endsWith("-shm")) {
					files.put(name, hash(file) + " " + Files.getLastModifiedTime(file).toMillis());
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return files;
	}

	private List<String> hiddenFiles(String folder) {
		Path dir = this.root.resolve("data/notes/.durable-db").resolve(folder);
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.map((entry) -> entry.getFileName().toString()).sorted().toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hash(Path file) throws IOException {
		return HexFormat.of().formatHex(Sha256.digest().digest(Files.readAllBytes(file)));
	}

	private static Map<String, Double> migrationCounters(ApplicationContext context) {
		Map<String, Double> counters = new TreeMap<>();
		for (Counter counter : context.getBean(MeterRegistry.class).find("durabledb.migrations").counters()) {
			counters.put(counter.getId().toString(), counter.count());
		}
		for (Counter counter : context.getBean(MeterRegistry.class).find("durabledb.migrations.replayed").counters()) {
			counters.put(counter.getId().toString(), counter.count());
		}
		return counters;
	}

	private static void writeNotes(ApplicationContext context, String tenant, String... bodies) {
		NoteActions notes = context.getBean(NoteActions.class);
		for (String body : bodies) {
			Tenants.run(tenant, () -> notes.add(body));
		}
	}

}
