package dev.durabledb.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import dev.durabledb.fixtures.CounterActions;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BackupRestoreTests {

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	@TempDir
	Path root;

	private Path backupDir() {
		return this.root.resolve("backups");
	}

	private ApplicationContextRunner app() {
		return TestApplications.withBackups(this.root.resolve("data"), backupDir());
	}

	@Test
	void restoreBringsBackTheBackupAndKeepsServing() {
		app().run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			BackupOperations backups = context.getBean(BackupOperations.class);
			write(notes, "acme", "before-1", "before-2");
			BackupManifest backup = backups.backup("notes", "acme");
			write(notes, "acme", "after");

			RestoreResult result = backups.restore("notes", "acme", backup.id());

			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("before-1", "before-2");
			write(notes, "acme", "served");
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("before-1", "before-2", "served");
			assertThat(result.restored()).isEqualTo(backup);
			List<BackupManifest> listed = backups.list("notes", "acme");
			assertThat(listed).extracting(BackupManifest::id).containsExactly(result.preRestoreBackup(), backup.id());
			assertThat(listed.get(0).reason()).isEqualTo("pre-restore");
			assertThat(backup.reason()).isEqualTo("manual");
			assertThat(backup.sha256()).hasSize(64);
			assertThat(backup.sizeBytes()).isPositive();
			assertThat(backup.schemaFingerprint())
				.isEqualTo(context.getBean(dev.durabledb.migration.SchemaInspector.class).fingerprint("notes"));
			// The pre-restore backup undoes the restore.
			backups.restore("notes", "acme", result.preRestoreBackup());
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("before-1", "before-2", "after");
		});
	}

	@Test
	void aBackupOlderThanTheChangelogIsMigratedAfterTheSwap() throws Exception {
		String[] id = new String[1];
		app().run((context) -> {
			write(context.getBean(NoteActions.class), "acme", "from v1");
			id[0] = context.getBean(BackupOperations.class).backup("notes", "acme").id();
		});
		app().withPropertyValues("durable-db.databases.notes.changelog=classpath:changelogs/notes-v2.yaml")
			.run((context) -> {
				NoteActions notes = context.getBean(NoteActions.class);
				write(notes, "acme", "from v2");
				context.getBean(BackupOperations.class).restore("notes", "acme", id[0]);
				dev.durabledb.migration.MigrationStatus status = context
					.getBean(dev.durabledb.migration.SchemaInspector.class)
					.status(ACME);
				assertThat(status.upToDate()).isTrue();
				DurableDatabaseRows rows = new DurableDatabaseRows(context);
				assertThat(rows.tagged("acme")).containsExactly("from v1:untagged");
			});
	}

	/** Reads notes with the column that only the second changelog adds. */
	private record DurableDatabaseRows(AssertableApplicationContext context) {

		List<String> tagged(String tenant) throws Exception {
			NoteActions notes = this.context.getBean(NoteActions.class);
			org.springframework.jdbc.core.simple.JdbcClient db = this.context
				.getBean("notesDurableDatabase", dev.durabledb.action.DurableDatabase.class)
				.jdbcClient();
			return Tenants.call(tenant, () -> notes.inside(
					() -> db.sql("SELECT body || ':' || tag FROM notes ORDER BY id").query(String.class).list()));
		}

	}

	@Test
	void aDeletedTenantKeepsAPreDeleteBackupAndComesBackFromIt() {
		app().withPropertyValues("durable-db.tenant.auto-create=false").run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			BackupOperations backups = context.getBean(BackupOperations.class);
			dev.durabledb.tenant.TenantDirectory tenants = context.getBean(dev.durabledb.tenant.TenantDirectory.class);
			tenants.create("leaving");
			write(notes, "leaving", "last words");

			tenants.delete("leaving");

			assertThat(tenants.list()).doesNotContain("leaving");
			assertThat(this.root.resolve("data/notes/leaving.db")).doesNotExist();
			assertThat(this.root.resolve("data/notes/.durable-db/deleted")).doesNotExist();
			List<BackupManifest> kept = backups.list("notes", "leaving");
			assertThat(kept).singleElement().satisfies((backup) -> assertThat(backup.reason()).isEqualTo("pre-delete"));

			backups.restore("notes", "leaving", kept.get(0).id());

			assertThat(Tenants.call("leaving", notes::bodies)).containsExactly("last words");
		});
	}

	@Test
	void anUnknownBackupIdIsRefused() {
		app().run((context) -> {
			assertRefused(context, "20260101T000000000Z-00000000", "has no backup");
			assertRefused(context, "../../etc/passwd", "is not a backup id");
		});
	}

	@Test
	void aTruncatedBackupIsRefused() {
		app().run((context) -> {
			BackupManifest backup = prepare(context);
			Path data = dataFile(backup);
			byte[] bytes = Files.readAllBytes(data);
			Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length / 2));
			assertRefused(context, backup.id(), "corrupt");
		});
	}

	@Test
	void aBackupWithAFlippedByteIsRefused() {
		app().run((context) -> {
			BackupManifest backup = prepare(context);
			Path data = dataFile(backup);
			byte[] bytes = Files.readAllBytes(data);
			bytes[bytes.length / 2] ^= 0x01;
			Files.write(data, bytes);
			assertRefused(context, backup.id(), "SHA-256 does not match");
		});
	}

	@Test
	void aFileThatIsNotSqliteIsRefused() {
		app().run((context) -> {
			BackupManifest backup = prepare(context);
			Path data = dataFile(backup);
			String text = "this is not a database, just some text that is long enough".repeat(100);
			String sha = gzip(text, data);
			rewriteManifest(backup, new BackupManifest(backup.id(), backup.database(), backup.instance(),
					backup.createdAt(), text.length(), Files.size(data), sha, backup.schemaFingerprint(),
					backup.reason(), backup.changeMarker()));
			assertRefused(context, backup.id(), "not a readable SQLite database");
		});
	}

	@Test
	void aBackupOfAnotherDatabaseIsRefused() {
		app().run((context) -> {
			BackupManifest notesBackup = prepare(context);
			context.getBean(CounterActions.class).increment("visits");
			BackupManifest counters = context.getBean(BackupOperations.class).backup("counters", "global");
			// The other database's file, filed (manifest and all) among acme's backups.
			BackupManifest disguised = new BackupManifest("20300101T000000000Z-0000beef", "notes", "acme",
					counters.createdAt(), counters.sizeBytes(), counters.compressedBytes(), counters.sha256(),
					counters.schemaFingerprint(), "manual", counters.changeMarker());
			Files.copy(dataFile(counters), dataFile(disguised));
			rewriteManifest(disguised, disguised);
			// Its content says whose it is.
			assertRefused(context, disguised.id(), "holds instance 'counters/global', not 'notes/acme'");
			// A manifest that says so is not a backup of acme: skipped, shown, refused before any download.
			BackupManifest foreign = new BackupManifest("20300101T000000000Z-0000cafe", "counters", "global",
					counters.createdAt(), counters.sizeBytes(), counters.compressedBytes(), counters.sha256(),
					counters.schemaFingerprint(), "manual", counters.changeMarker());
			Path misfiled = backupDir().resolve(BackupPaths.instancePrefix("notes", "acme")).resolve(foreign.id() + ".json");
			Files.write(misfiled, ManifestCodec.write(foreign));
			assertRefused(context, foreign.id(), "has no backup " + foreign.id());
			assertThat(context.getBean(BackupOperations.class).listing("notes", "acme").unreadable())
				.containsExactly("notes/acme/" + foreign.id() + ".json");
			assertThat(notesBackup).isNotNull();
		});
	}

	@Test
	void restoreWhileEightThreadsKeepWritingGivesTheBackupPlusLaterWrites() throws Exception {
		app().withPropertyValues("durable-db.action.lock-timeout=10s").run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			BackupOperations backups = context.getBean(BackupOperations.class);
			write(notes, "acme", "base-1", "base-2", "base-3");
			BackupManifest backup = backups.backup("notes", "acme");

			AtomicBoolean restoreStarted = new AtomicBoolean();
			AtomicBoolean restoreDone = new AtomicBoolean();
			Set<String> committedBeforeRestore = ConcurrentHashMap.newKeySet();
			Set<String> startedAfterRestore = ConcurrentHashMap.newKeySet();
			Set<String> committed = ConcurrentHashMap.newKeySet();
			AtomicInteger busy = new AtomicInteger();
			AtomicInteger otherErrors = new AtomicInteger();
			CountDownLatch writing = new CountDownLatch(8 * 5);
			ExecutorService writers = Executors.newFixedThreadPool(8);
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				int t = thread;
				futures.add(writers.submit(() -> {
					// Each writer goes on until five of its writes started after the restore, however
					// long the restore takes; the cap only guards against a hang.
					int writesAfterRestore = 0;
					for (int i = 0; writesAfterRestore < 5 && i < 1_000_000; i++) {
						String body = "w" + t + "-" + i;
						boolean afterRestore = restoreDone.get();
						try {
							Tenants.run("acme", () -> notes.add(body));
							committed.add(body);
							if (!restoreStarted.get()) {
								committedBeforeRestore.add(body);
							}
							if (afterRestore) {
								startedAfterRestore.add(body);
								writesAfterRestore++;
							}
						}
						catch (InstanceBusyException ex) {
							busy.incrementAndGet();
						}
						catch (RuntimeException ex) {
							otherErrors.incrementAndGet();
						}
						writing.countDown();
					}
				}));
			}
			assertThat(writing.await(60, TimeUnit.SECONDS)).isTrue();
			restoreStarted.set(true);
			backups.restore("notes", "acme", backup.id());
			restoreDone.set(true);
			for (Future<?> future : futures) {
				future.get(2, TimeUnit.MINUTES);
			}
			writers.shutdown();

			assertThat(otherErrors).hasValue(0);
			List<String> rows = Tenants.call("acme", notes::bodies);
			assertThat(rows).startsWith("base-1", "base-2", "base-3").doesNotHaveDuplicates();
			List<String> writes = rows.subList(3, rows.size());
			assertThat(writes).allMatch(committed::contains);
			assertThat(writes).containsAll(startedAfterRestore);
			assertThat(writes).doesNotContainAnyElementsOf(committedBeforeRestore);
			assertThat(startedAfterRestore).hasSize(8 * 5);
			assertThat(integrityCheck(context.getBean(dev.durabledb.instance.InstanceFiles.class).file(ACME)))
				.isEqualTo("ok");
		});
	}

	private void assertRefused(AssertableApplicationContext context, String backupId, String reason) throws Exception {
		NoteActions notes = context.getBean(NoteActions.class);
		List<String> before = Tenants.call("acme", notes::bodies);
		assertThatExceptionOfType(InvalidBackupException.class)
			.isThrownBy(() -> context.getBean(BackupOperations.class).restore("notes", "acme", backupId))
			.withMessageContaining(reason);
		assertThat(Tenants.call("acme", notes::bodies)).isEqualTo(before);
		write(notes, "acme", "still-writable");
		assertThat(Tenants.call("acme", notes::count)).isEqualTo(before.size() + 1);
	}

	private BackupManifest prepare(AssertableApplicationContext context) {
		NoteActions notes = context.getBean(NoteActions.class);
		write(notes, "acme", "precious-1", "precious-2");
		return context.getBean(BackupOperations.class).backup("notes", "acme");
	}

	private Path dataFile(BackupManifest manifest) {
		return backupDir().resolve(BackupPaths.data(manifest));
	}

	private void rewriteManifest(BackupManifest at, BackupManifest content) throws IOException {
		Files.write(backupDir().resolve(BackupPaths.manifest(at)), ManifestCodec.write(content));
	}

	private static String gzip(String text, Path target) throws IOException {
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return HexFormat.of().formatHex(dev.durabledb.io.Sha256.digest().digest(Files.readAllBytes(target)));
	}

	private static void write(NoteActions notes, String tenant, String... bodies) {
		for (String body : bodies) {
			Tenants.run(tenant, () -> notes.add(body));
		}
	}

	static String integrityCheck(Path file) throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				ResultSet result = connection.createStatement().executeQuery("PRAGMA integrity_check")) {
			result.next();
			return result.getString(1);
		}
	}

}
