package dev.durabledb.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.durabledb.backup.BackupException;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.InstanceFileName;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.progress.ProgressLog;
import dev.durabledb.snapshot.Snapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one zip archive with a consistent snapshot of every instance of a database (the
 * {@code pull-db} idea): {@code <database>/<instance-file>.db} entries and a
 * {@code durable-db-archive.json} that lists them. {@link ArchiveLoader} loads it into a
 * local data dir.
 */
public final class ArchiveWriter {

	/** The name of the archive's own manifest entry. */
	public static final String MANIFEST = "durable-db-archive.json";

	private static final Logger logger = LoggerFactory.getLogger(ArchiveWriter.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final InstanceFiles files;

	private final Snapshots snapshots;

	private final Clock clock;

	ArchiveWriter(InstanceFiles files, Snapshots snapshots, Clock clock) {
		this.files = files;
		this.snapshots = snapshots;
		this.clock = clock;
	}

	/**
	 * Writes the archive of {@code database} to a new file in its staging folder; the
	 * caller deletes it.
	 */
	public Path write(DatabaseDefinition database) {
		List<String> ids = this.files.existing(database);
		Path staging = this.files.internalDir(database.name(), "staging");
		Path archive = staging.resolve("archive-" + System.nanoTime() + ".zip");
		ProgressLog progress = new ProgressLog(logger, "Archive of '" + database.name() + "'", ids.size(),
				Duration.ofSeconds(10));
		List<Map<String, Object>> entries = new ArrayList<>();
		try (OutputStream out = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(out)) {
			for (String id : ids) {
				InstanceKey key = new InstanceKey(database.name(), id);
				Path snapshot = staging.resolve("archive-" + System.nanoTime() + ".db");
				try {
					if (!Files.isRegularFile(this.files.file(key))) {
						continue;
					}
					this.snapshots.take(this.files.file(key), snapshot);
					this.snapshots.stampIdentity(snapshot, key.database(), key.instance());
					String name = database.name() + "/" + InstanceFileName.encode(id);
					zip.putNextEntry(new ZipEntry(name));
					Files.copy(snapshot, zip);
					zip.closeEntry();
					Map<String, Object> entry = new LinkedHashMap<>();
					entry.put("instance", id);
					entry.put("file", name);
					entry.put("sizeBytes", Files.size(snapshot));
					entries.add(entry);
				}
				finally {
					Files.deleteIfExists(snapshot);
				}
				progress.stepDone();
			}
			Map<String, Object> manifest = new LinkedHashMap<>();
			manifest.put("database", database.name());
			manifest.put("createdAt", this.clock.instant().toString());
			manifest.put("instances", entries);
			zip.putNextEntry(new ZipEntry(MANIFEST));
			zip.write(JSON.writeValueAsBytes(manifest));
			zip.closeEntry();
			return archive;
		}
		catch (IOException | SQLException ex) {
			try {
				Files.deleteIfExists(archive);
			}
			catch (IOException suppressed) {
				ex.addSuppressed(suppressed);
			}
			throw new BackupException("Could not write the archive of database '" + database.name() + "'", ex);
		}
	}

}
