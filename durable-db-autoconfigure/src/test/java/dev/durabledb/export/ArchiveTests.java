package dev.durabledb.export;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import dev.durabledb.DurableDbException;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ArchiveTests {

	@TempDir
	Path root;

	private Path writeArchive() throws Exception {
		Path[] archive = new Path[1];
		TestApplications.withBackups(this.root.resolve("prod"), this.root.resolve("backups")).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			Tenants.run("acme", () -> notes.add("acme-1"));
			Tenants.run("acme", () -> notes.add("acme-2"));
			Tenants.run("Globex", () -> notes.add("globex-1"));
			Path written = context.getBean(ArchiveWriter.class)
				.write(context.getBean(DatabaseCatalog.class).get("notes"));
			archive[0] = Files.move(written, this.root.resolve("notes.zip"));
		});
		return archive[0];
	}

	@Test
	void everyFileInTheArchivePassesTheIntegrityCheckAndHoldsItsTenantsRows() throws Exception {
		Path archive = writeArchive();
		Path extracted = Files.createDirectories(this.root.resolve("extracted"));
		try (ZipFile zip = new ZipFile(archive.toFile())) {
			List<String> names = zip.stream().map(ZipEntry::getName).toList();
			assertThat(names).containsExactlyInAnyOrder("notes/acme.db", "notes/_47lobex.db", ArchiveWriter.MANIFEST);
			for (String name : List.of("notes/acme.db", "notes/_47lobex.db")) {
				Path file = extracted.resolve(name.replace('/', '_'));
				Files.copy(zip.getInputStream(zip.getEntry(name)), file);
				assertThat(query(file, "PRAGMA integrity_check")).containsExactly("ok");
			}
		}
		assertThat(query(extracted.resolve("notes_acme.db"), "SELECT body FROM notes ORDER BY id"))
			.containsExactly("acme-1", "acme-2");
		assertThat(query(extracted.resolve("notes__47lobex.db"), "SELECT body FROM notes ORDER BY id"))
			.containsExactly("globex-1");
	}

	@Test
	void theLoaderRestoresADataDirThatTheApplicationThenServes() throws Exception {
		Path archive = writeArchive();
		Path local = this.root.resolve("local");

		int loaded = new ArchiveLoader(quiet()).load(archive, local, false);

		assertThat(loaded).isEqualTo(2);
		TestApplications.withActions(local).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			assertThat(Tenants.call("acme", notes::bodies)).containsExactly("acme-1", "acme-2");
			assertThat(Tenants.call("Globex", notes::bodies)).containsExactly("globex-1");
		});
	}

	@Test
	void theLoaderRefusesANonEmptyDataDirUnlessToldAndKeepsWhatItReplaces() throws Exception {
		Path archive = writeArchive();
		Path local = this.root.resolve("local");
		TestApplications.withActions(local).run((context) -> Tenants.run("mine", () -> context.getBean(NoteActions.class).add("local work")));
		ArchiveLoader loader = new ArchiveLoader(quiet());

		assertThatIllegalStateException().isThrownBy(() -> loader.load(archive, local, false))
			.withMessageContaining("--replace");
		assertThat(local.resolve("notes/mine.db")).isRegularFile();
		assertThat(local.resolve("notes/acme.db")).doesNotExist();

		loader.load(archive, local, true);

		assertThat(local.resolve("notes/acme.db")).isRegularFile();
		assertThat(local.resolve("notes/mine.db")).doesNotExist();
		try (var kept = Files.walk(local.resolve(".durable-db-replaced"))) {
			List<Path> files = kept.filter((path) -> path.getFileName().toString().equals("mine.db")).toList();
			assertThat(files).hasSize(1);
			assertThat(query(files.get(0), "SELECT body FROM notes")).containsExactly("local work");
		}
	}

	@Test
	void theLoaderRefusesEntriesThatWouldLeaveTheDataDir() throws Exception {
		Path evil = this.root.resolve("evil.zip");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(evil))) {
			zip.putNextEntry(new ZipEntry("notes/../../escaped.db"));
			zip.write(new byte[] { 1, 2, 3 });
			zip.closeEntry();
		}
		Path local = this.root.resolve("local");
		assertThatIllegalArgumentException().isThrownBy(() -> new ArchiveLoader(quiet()).load(evil, local, true))
			.withMessageContaining("unexpected entry");
		assertThat(this.root.resolve("escaped.db")).doesNotExist();
		assertThat(local).doesNotExist();
	}

	@Test
	void anEntryThatIsNotSqliteIsRefusedAndNothingIsLoaded() throws Exception {
		Path archive = writeArchive();
		Path mixed = rewrite(archive, "notes/mallory.db", "not a database at all".getBytes());
		Path local = this.root.resolve("local");

		assertThatIllegalArgumentException().isThrownBy(() -> new ArchiveLoader(quiet()).load(mixed, local, true))
			.withMessageContaining("'notes/mallory.db' is not a SQLite database");

		assertThat(local.resolve("notes")).doesNotExist();
		assertThat(leftovers(local)).isEmpty();
	}

	@Test
	void anEntryHoldingAnotherInstanceIsRefused() throws Exception {
		Path archive = writeArchive();
		byte[] acme;
		try (ZipFile zip = new ZipFile(archive.toFile())) {
			acme = zip.getInputStream(zip.getEntry("notes/acme.db")).readAllBytes();
		}
		Path swapped = rewrite(archive, "notes/bravo.db", acme);
		Path local = this.root.resolve("local");

		assertThatIllegalArgumentException().isThrownBy(() -> new ArchiveLoader(quiet()).load(swapped, local, true))
			.withMessageContaining("'notes/bravo.db' holds instance 'notes/acme'");
		assertThat(local.resolve("notes")).doesNotExist();
	}

	@Test
	void aSqliteFileThatIsNoDurableDbInstanceIsRefused() throws Exception {
		Path foreign = this.root.resolve("foreign.db");
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + foreign)) {
			connection.createStatement().execute("CREATE TABLE secrets (value TEXT)");
		}
		Path archive = rewrite(writeArchive(), "notes/foreign.db", Files.readAllBytes(foreign));
		Path local = this.root.resolve("local");

		assertThatIllegalArgumentException().isThrownBy(() -> new ArchiveLoader(quiet()).load(archive, local, true))
			.withMessageContaining("'notes/foreign.db' is not a durable-db instance");
		assertThat(local.resolve("notes")).doesNotExist();
	}

	@Test
	void anEntryIsNeverDecompressedBeyondTheSizeItDeclares() throws Exception {
		Path bomb = this.root.resolve("bomb.zip");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
			zip.putNextEntry(new ZipEntry("notes/acme.db"));
			zip.write(new byte[8 << 20]);
			zip.closeEntry();
		}
		declareSize(bomb, 4096);
		Path local = this.root.resolve("local");

		assertThatIllegalArgumentException().isThrownBy(() -> new ArchiveLoader(quiet()).load(bomb, local, true))
			.withMessageContaining("decompresses to more than the 4096 bytes it declares");
		assertThat(local.resolve("notes")).doesNotExist();
		assertThat(leftovers(local)).isEmpty();
	}

	@Test
	void theLoaderRefusesADataDirAnApplicationIsUsing() throws Exception {
		Path archive = writeArchive();
		Path local = this.root.resolve("local");
		TestApplications.withActions(local).run((context) -> assertThatExceptionOfType(DurableDbException.class)
			.isThrownBy(() -> new ArchiveLoader(quiet()).load(archive, local, true))
			.withMessageContaining("is in use by process " + ProcessHandle.current().pid()));
		assertThat(local.resolve("notes/acme.db")).doesNotExist();
	}

	/** A copy of {@code archive} with one more entry. */
	private Path rewrite(Path archive, String name, byte[] content) throws Exception {
		Path copy = this.root.resolve("rewritten-" + System.nanoTime() + ".zip");
		try (ZipFile in = new ZipFile(archive.toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
			for (ZipEntry entry : in.stream().toList()) {
				out.putNextEntry(new ZipEntry(entry.getName()));
				in.getInputStream(entry).transferTo(out);
				out.closeEntry();
			}
			out.putNextEntry(new ZipEntry(name));
			out.write(content);
			out.closeEntry();
		}
		return copy;
	}

	/** Makes the central directory of a one-entry zip lie about the entry's size. */
	private static void declareSize(Path zip, int size) throws Exception {
		byte[] bytes = Files.readAllBytes(zip);
		java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		for (int at = bytes.length - 46; at >= 0; at--) {
			if (buffer.getInt(at) == 0x02014b50) {
				buffer.putInt(at + 24, size);
				Files.write(zip, bytes);
				return;
			}
		}
		throw new IllegalStateException("no central directory");
	}

	private static List<Path> leftovers(Path dataDir) throws Exception {
		if (!Files.isDirectory(dataDir)) {
			return List.of();
		}
		try (var files = Files.list(dataDir)) {
			return files.filter((path) -> path.getFileName().toString().startsWith(".durable-db-loading")).toList();
		}
	}

	private static PrintStream quiet() {
		return new PrintStream(new ByteArrayOutputStream());
	}

	static List<String> query(Path file, String sql) throws Exception {
		List<String> values = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				ResultSet rows = connection.createStatement().executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

}
