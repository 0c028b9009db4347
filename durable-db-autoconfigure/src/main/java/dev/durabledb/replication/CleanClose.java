package dev.durabledb.replication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.io.AtomicFiles;

/**
 * What an instance file was when it closed with everything in it shipped: the bookmark of
 * its last commit, and the file's size and modification time then. A file that still
 * matches when it opens again (in this process or the next) continues its generation
 * without a snapshot; anything else (a crash, which leaves no record; a file replaced or
 * changed since) begins a new one.
 *
 * @param shipped the bookmark of the file's last commit
 * @param size the file's size in bytes
 * @param modifiedNanos its modification time, in nanoseconds since the epoch
 */
record CleanClose(Bookmark shipped, long size, long modifiedNanos) {

	/** Where the record of instance {@code key}'s clean close is kept. */
	static Path recordOf(InstanceFiles files, InstanceKey key) {
		return files.internalDir(key.database(), "replication").resolve(files.file(key).getFileName() + ".closed");
	}

	/** {@code file} as it is now, closed, with {@code shipped} its last commit. */
	static CleanClose of(Path file, Bookmark shipped) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
		return new CleanClose(shipped, attributes.size(), modifiedNanos(attributes));
	}

	/**
	 * Whether {@code file} is still as it closed, with no commit in a log beside it (an
	 * open connection may have made an empty one).
	 */
	boolean matches(Path file) throws IOException {
		if (!WalReader.read(file.resolveSibling(file.getFileName() + "-wal")).frames().isEmpty()) {
			return false;
		}
		BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
		return attributes.size() == this.size && modifiedNanos(attributes) == this.modifiedNanos;
	}

	/** Keeps the record in {@code record}, durably. */
	void write(Path record) throws IOException {
		Path temporary = AtomicFiles.temporarySibling(record);
		Files.writeString(temporary, this.shipped + " " + this.size + " " + this.modifiedNanos + "\n");
		AtomicFiles.publish(temporary, record);
	}

	/**
	 * Reads and deletes the record in {@code record}, durably, so that it can serve one
	 * open only: changes made after it would not be in it.
	 */
	static Optional<CleanClose> take(Path record) throws IOException {
		Optional<CleanClose> closed = read(record);
		AtomicFiles.delete(record);
		return closed;
	}

	/** Reads the record in {@code record}, leaving it; empty if there is none, or it is unreadable. */
	static Optional<CleanClose> read(Path record) throws IOException {
		String content;
		try {
			content = Files.readString(record, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		String[] parts = content.strip().split(" ");
		try {
			return Optional.of(new CleanClose(Bookmark.parse(parts[0]), Long.parseLong(parts[1]),
					Long.parseLong(parts[2])));
		}
		catch (RuntimeException ex) {
			// Unreadable (cut short by a crash): as if there were none.
			return Optional.empty();
		}
	}

	private static long modifiedNanos(BasicFileAttributes attributes) {
		return attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
	}

}
