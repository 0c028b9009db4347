package dev.durabledb.reset;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.durabledb.instance.InstanceFiles;
import org.jspecify.annotations.Nullable;

/**
 * The hidden folders where resets set old files aside:
 * {@code <database>/.durable-db/reset/<when>/}, one per reset of a database, each holding
 * the old files under their instance file names, until a purge deletes them all.
 */
final class AsideFolders {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final InstanceFiles files;

	private final Clock clock;

	AsideFolders(InstanceFiles files, Clock clock) {
		this.files = files;
		this.clock = clock;
	}

	/** The folder of one reset of {@code database}, named for now, created with its first file. */
	Run next(String database) {
		return new Run(database, STAMP.format(this.clock.instant().truncatedTo(ChronoUnit.MILLIS)));
	}

	/** Deletes every file resets of {@code database} set aside. */
	PurgeResult purge(String database) throws IOException {
		Path root = root(database);
		int count = 0;
		long bytes = 0;
		if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
			List<Path> paths;
			try (Stream<Path> walk = Files.walk(root)) {
				// Deepest first, so that each folder is empty when its turn comes.
				paths = walk.filter((path) -> !path.equals(root)).sorted(Comparator.reverseOrder()).toList();
			}
			for (Path path : paths) {
				BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
						LinkOption.NOFOLLOW_LINKS);
				Files.delete(path);
				if (!attributes.isDirectory()) {
					count++;
					bytes += attributes.size();
				}
			}
		}
		return new PurgeResult(database, count, bytes);
	}

	private Path root(String database) {
		return this.files.databaseDir(database).resolve(InstanceFiles.INTERNAL_FOLDER).resolve(InstanceFiles.RESET_FOLDER);
	}

	/** The folder of one reset, created when the first old file goes there. */
	final class Run {

		private final String database;

		private final String stamp;

		private @Nullable Path folder;

		private Run(String database, String stamp) {
			this.database = database;
			this.stamp = stamp;
		}

		/** The folder, created if it is not yet; a new one if an earlier reset took the name. */
		Path folder() throws IOException {
			if (this.folder == null) {
				Path root = AsideFolders.this.files.internalDir(this.database, InstanceFiles.RESET_FOLDER);
				for (int attempt = 0; this.folder == null; attempt++) {
					Path candidate = root.resolve((attempt == 0) ? this.stamp : this.stamp + "-" + attempt);
					try {
						this.folder = Files.createDirectory(candidate);
					}
					catch (FileAlreadyExistsException ex) {
						// Two resets within a millisecond: the next name.
					}
				}
			}
			return this.folder;
		}

		/** The folder relative to the database's folder; {@code null} if nothing went there. */
		@Nullable String name() {
			return (this.folder != null)
					? AsideFolders.this.files.databaseDir(this.database).relativize(this.folder).toString().replace('\\', '/')
					: null;
		}

	}

}
