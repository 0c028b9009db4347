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
import org.jspecify.annotations.Nullable;

/**
 * Swaps of an instance's file (a restore, a dev reset) written down before their first
 * rename, so that a crash at any instant of the swap is completed or rolled back at the
 * next start ({@link StartupRecovery}) instead of leaving the tenant missing.
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
	 * Records, durably, that a restore is about to set the file of {@code key} aside at
	 * {@code aside} and replace it by {@code staged}; both must be in the database's
	 * staging folder.
	 */
	public Swap begin(InstanceKey key, Path staged, Path aside) throws IOException {
		return begin(key, Purpose.RESTORE, staged, aside);
	}

	/**
	 * Records, durably, that the file of {@code key} is about to be set aside at
	 * {@code aside} and replaced by {@code staged}. {@code staged} must be in the
	 * database's staging folder; {@code aside} too for a restore, in the database's hidden
	 * {@value InstanceFiles#RESET_FOLDER} folder for a reset.
	 */
	public Swap begin(InstanceKey key, Purpose purpose, Path staged, Path aside) throws IOException {
		Path file = this.files.file(key);
		Swap swap = new Swap(key, purpose, record(key), file, staged, aside, Files.isRegularFile(file));
		Properties properties = new Properties();
		properties.setProperty("instance", key.instance());
		properties.setProperty("purpose", purpose.name());
		properties.setProperty("replacing", Boolean.toString(swap.replacing()));
		properties.setProperty("staged", staged.getFileName().toString());
		Path asideFolder = asideFolder(key.database(), purpose);
		// Checked now, as the recovery will check it, so that a bad path fails before anything moves.
		String asideName = asideFolder.relativize(aside.toAbsolutePath().normalize()).toString();
		inside(asideFolder, asideName);
		properties.setProperty("aside", asideName);
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
				Purpose purpose = purpose(properties.getProperty("purpose"), record);
				swaps.add(new Swap(key, purpose, record, this.files.file(key),
						inside(staging, properties.getProperty("staged")),
						inside(asideFolder(database, purpose), properties.getProperty("aside")),
						Boolean.parseBoolean(properties.getProperty("replacing"))));
			}
		}
		return swaps;
	}

	/** Where a swap of {@code purpose} sets files aside: staging for a restore, the reset folder for a reset. */
	private Path asideFolder(String database, Purpose purpose) {
		return this.files.internalDir(database, (purpose == Purpose.RESET) ? InstanceFiles.RESET_FOLDER : "staging");
	}

	private static Purpose purpose(@Nullable String name, Path record) throws IOException {
		if (name == null) {
			// Written before swaps had purposes: restores were the only ones.
			return Purpose.RESTORE;
		}
		try {
			return Purpose.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			throw new IOException("The swap record " + record.getFileName() + " names no known purpose: " + name);
		}
	}

	private Path record(InstanceKey key) {
		Path file = this.files.file(key);
		return this.files.internalDir(key.database(), FOLDER).resolve(file.getFileName() + SUFFIX);
	}

	/** {@code name}, a file directly in {@code folder} or in one of its folders, never outside. */
	private static Path inside(Path folder, @Nullable String name) throws IOException {
		Path path = folder.resolve((name != null) ? name : "").normalize();
		if (!path.startsWith(folder) || path.equals(folder)) {
			throw new IOException("A swap record names a file outside the " + folder.getFileName() + " folder: " + name);
		}
		return path;
	}

	/** Why a file is swapped, which says what becomes of the set-aside file once it is done. */
	public enum Purpose {

		/** A restore: the set-aside file is to be stored as the pre-restore backup. */
		RESTORE,

		/** A dev reset: the set-aside file stays where it was set aside until it is purged. */
		RESET

	}

	/**
	 * One swap.
	 *
	 * @param key the instance
	 * @param purpose why the file is swapped
	 * @param record the durable record of the swap
	 * @param file the instance's file
	 * @param staged the file that replaces it
	 * @param aside where the current file is set aside
	 * @param replacing whether the instance had a file when the swap began
	 */
	public record Swap(InstanceKey key, Purpose purpose, Path record, Path file, Path staged, Path aside,
			boolean replacing) {
	}

}
