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

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
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
