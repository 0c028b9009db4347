package dev.durabledb.instance;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import dev.durabledb.io.AtomicFiles;

/**
 * Swaps of an instance's file (a restore today) written down before their first rename,
 * so that a crash at any instant of the swap is completed or rolled back at the next
 * start ({@link StartupRecovery}) instead of leaving the tenant missing.
 * <p>
 * A swap sets the current file aside and puts a staged file in its place: two renames,
 * between which the instance has no file. The record names the three paths; it is
 * published atomically and synced before the first rename and deleted once the set-aside
 * file has been dealt with. At most one swap per instance runs at a time (the caller holds
 * the instance exclusively).
 */
public final class FileSwapJournal {

	private static final String FOLDER = "swaps";

	private static final String SUFFIX = ".swap";

	private final InstanceFiles files;

	FileSwapJournal(InstanceFiles files) {
		this.files = files;
	}

	/**
	 * Records, durably, that the file of {@code key} is about to be set aside at
	 * {@code aside} and replaced by {@code staged}; both must be in the database's staging
	 * folder.
	 */
	public Swap begin(InstanceKey key, Path staged, Path aside) throws IOException {
		Path file = this.files.file(key);
		Swap swap = new Swap(key, record(key), file, staged, aside, Files.isRegularFile(file));
		Properties properties = new Properties();
		properties.setProperty("instance", key.instance());
		properties.setProperty("replacing", Boolean.toString(swap.replacing()));
		properties.setProperty("staged", staged.getFileName().toString());
		properties.setProperty("aside", aside.getFileName().toString());
		StringWriter text = new StringWriter();
		properties.store(text, "durable-db: a swap of " + key + " under way");
		Path temporary = AtomicFiles.temporarySibling(swap.record());
		try {
			Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
			AtomicFiles.publish(temporary, swap.record());
		}
		finally {
			Files.deleteIfExists(temporary);
		}
		return swap;
	}

	/** The swap is over: completed, rolled back, its set-aside file dealt with. */
	public void end(Swap swap) throws IOException {
		Files.deleteIfExists(swap.record());
	}

	/** The swaps of a database that a crash interrupted. */
	List<Swap> pending(String database) throws IOException {
		List<Swap> swaps = new ArrayList<>();
		Path folder = this.files.databaseDir(database).resolve(InstanceFiles.INTERNAL_FOLDER).resolve(FOLDER);
		if (!Files.isDirectory(folder)) {
			return swaps;
		}
		Path staging = this.files.internalDir(database, "staging");
		try (DirectoryStream<Path> records = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
			for (Path record : records) {
				Properties properties = new Properties();
				properties.load(new StringReader(Files.readString(record, StandardCharsets.UTF_8)));
				InstanceKey key = new InstanceKey(database, properties.getProperty("instance"));
				swaps.add(new Swap(key, record, this.files.file(key),
						inside(staging, properties.getProperty("staged")), inside(staging, properties.getProperty("aside")),
						Boolean.parseBoolean(properties.getProperty("replacing"))));
			}
		}
		return swaps;
	}

	private Path record(InstanceKey key) {
		Path file = this.files.file(key);
		return this.files.internalDir(key.database(), FOLDER).resolve(file.getFileName() + SUFFIX);
	}

	private static Path inside(Path folder, String name) throws IOException {
		Path path = folder.resolve(name).normalize();
		if (!folder.equals(path.getParent())) {
			throw new IOException("A swap record names a file outside the staging folder: " + name);
		}
		return path;
	}

	/**
	 * One swap.
	 *
	 * @param key the instance
	 * @param record the durable record of the swap
	 * @param file the instance's file
	 * @param staged the file that replaces it
	 * @param aside where the current file is set aside
	 * @param replacing whether the instance had a file when the swap began
	 */
	public record Swap(InstanceKey key, Path record, Path file, Path staged, Path aside, boolean replacing) {
	}

}
