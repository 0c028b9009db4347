package dev.durabledb.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Publishes files so that readers see either the old content or the new, never a part:
 * write to a temporary name in the same folder, fsync, rename over the target, fsync the
 * folder.
 */
public final class AtomicFiles {

	private AtomicFiles() {
	}

	/** A temporary name next to {@code target}, in the same folder (and file system). */
	public static Path temporarySibling(Path target) {
		return target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
	}

	/** Syncs {@code temporary} and renames it over {@code target}. */
	public static void publish(Path temporary, Path target) throws IOException {
		fsync(temporary);
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
		}
		fsyncFolder(target.getParent());
	}

	/**
	 * Gives {@code temporary} the name {@code target} only if no file has that name yet;
	 * the content and the name are durable when it returns.
	 * @return {@code false} if {@code target} existed; {@code temporary} is deleted either
	 * way
	 */
	public static boolean publishIfAbsent(Path temporary, Path target) throws IOException {
		return publishIfAbsent(temporary, target, true);
	}

	/**
	 * Gives {@code temporary} the name {@code target} only if no file has that name yet.
	 * The content is synced first, so whenever the name exists it names the whole file.
	 * @param syncName whether to sync the folder as well, so that the name itself survives
	 * a power loss (without it, a power loss right after may undo the publication)
	 * @return {@code false} if {@code target} existed; {@code temporary} is deleted either
	 * way
	 */
	public static boolean publishIfAbsent(Path temporary, Path target, boolean syncName) throws IOException {
		fsync(temporary);
		try {
			// A hard link is created atomically and fails if the name is taken.
			Files.createLink(target, temporary);
			if (syncName) {
				fsyncFolder(target.getParent());
			}
			return true;
		}
		catch (java.nio.file.FileAlreadyExistsException ex) {
			return false;
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Deletes {@code file} if it exists, and syncs its folder so that the deletion lasts. */
	public static void delete(Path file) throws IOException {
		if (Files.deleteIfExists(file)) {
			fsyncFolder(file.getParent());
		}
	}

	public static void fsync(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
	}

	private static void fsyncFolder(Path folder) {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Not every platform can open a folder (Windows); the rename itself is done.
		}
	}

}
