package dev.durabledb.store.file;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.io.AtomicFiles;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.UnservableObjectException;

/**
 * Objects as files in a folder, one per key ({@code <dir>/<key>}). Each is written under
 * a hidden temporary name, synced and renamed into place, so it appears whole. A
 * put-if-absent links the synced temporary to its name instead: a hard link is created
 * atomically and only where no file has the name, so of racing writers exactly one wins,
 * also across processes sharing the folder (a rename would silently replace). The folder
 * must be on a file system with hard links (any POSIX one; NFS too).
 */
public final class FileObjectStore implements ObjectStore {

	private final Path root;

	public FileObjectStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	@Override
	public void put(String key, Path file) throws IOException {
		Path target = resolve(key);
		Files.createDirectories(target.getParent());
		Path temporary = AtomicFiles.temporarySibling(target);
		try {
			// The file is ours to take: a rename when it is on the same file system.
			Files.move(file, temporary, StandardCopyOption.REPLACE_EXISTING);
			AtomicFiles.publish(temporary, target);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	@Override
	public void put(String key, byte[] content) throws IOException {
		Path target = resolve(key);
		Files.createDirectories(target.getParent());
		Path temporary = AtomicFiles.temporarySibling(target);
		try {
			Files.write(temporary, content);
			AtomicFiles.publish(temporary, target);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	@Override
	public boolean putIfAbsent(String key, byte[] content) throws IOException {
		Path target = resolve(key);
		Files.createDirectories(target.getParent());
		Path temporary = AtomicFiles.temporarySibling(target);
		try {
			Files.write(temporary, content);
			return published(key, temporary, target);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	@Override
	public boolean putIfAbsent(String key, Path file) throws IOException {
		Path target = resolve(key);
		Files.createDirectories(target.getParent());
		Path temporary = AtomicFiles.temporarySibling(target);
		try {
			Files.move(file, temporary, StandardCopyOption.REPLACE_EXISTING);
			return published(key, temporary, target);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Links {@code temporary} to {@code target} if no file has that name. A crash after
	 * the link leaves the temporary behind, hidden like every temporary of a put.
	 */
	private boolean published(String key, Path temporary, Path target) throws IOException {
		if (AtomicFiles.publishIfAbsent(temporary, target)) {
			return true;
		}
		if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
			// No object is there, and none can be: answering "taken" would be a lie.
			throw new IOException("Cannot store " + key + " in " + describe() + ": a folder has its name");
		}
		return false;
	}

	@Override
	public void get(String key, Path target) throws IOException {
		Files.copy(existing(key), target, StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public byte[] read(String key) throws IOException {
		return Files.readAllBytes(existing(key));
	}

	@Override
	public List<String> list(String prefix) throws IOException {
		int slash = prefix.lastIndexOf('/');
		Path folder = (slash <= 0) ? this.root : resolve(prefix.substring(0, slash));
		List<String> keys = new ArrayList<>();
		if (!Files.isDirectory(folder)) {
			return keys;
		}
		// Puts rename temporary files as the walk goes: one that vanished is not an error.
		Files.walkFileTree(folder, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				if (attributes.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
					String key = FileObjectStore.this.root.relativize(file)
						.toString()
						.replace(file.getFileSystem().getSeparator(), "/");
					if (key.startsWith(prefix)) {
						keys.add(key);
					}
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
				if (ex instanceof NoSuchFileException) {
					return FileVisitResult.CONTINUE;
				}
				throw ex;
			}

		});
		keys.sort(null);
		return keys;
	}

	@Override
	public void delete(String key) throws IOException {
		Files.deleteIfExists(resolve(key));
	}

	@Override
	public String describe() {
		return "file:" + this.root;
	}

	/** The file of an existing object; a link is refused, never followed. */
	private Path existing(String key) throws IOException {
		Path file = resolve(key);
		if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
			if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
				throw new UnservableObjectException("Object " + key + " is a link or not a file; the store does not follow links");
			}
			throw new NoSuchFileException(key);
		}
		if (!file.getParent().toRealPath().startsWith(this.root.toRealPath())) {
			throw new UnservableObjectException("Object " + key + " is under a linked folder; the store does not follow links");
		}
		return file;
	}

	private Path resolve(String key) {
		Path path = this.root.resolve(key).normalize();
		if (!path.startsWith(this.root) || path.equals(this.root)) {
			throw new IllegalArgumentException("Key '" + key + "' is outside the store's folder");
		}
		return path;
	}

}
