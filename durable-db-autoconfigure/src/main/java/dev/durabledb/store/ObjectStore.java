package dev.durabledb.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where durable-db keeps what must outlive the machine: a folder, an S3-compatible
 * bucket. A store only moves bytes under keys ({@code main/acme/0190...json}); what the
 * objects mean (backups and their manifests, compression, checksums, retention) is
 * written once, above this interface, for every store.
 * <p>
 * Keys are relative, use {@code /} as separator and never contain {@code ..}.
 */
public interface ObjectStore {

	/**
	 * Stores the content of {@code file} under {@code key}, replacing what was there. The
	 * object appears whole or not at all: a reader never sees part of it. The store may
	 * move {@code file} away; the caller deletes it if it is still there.
	 */
	void put(String key, Path file) throws IOException;

	/** Stores {@code content} under {@code key}, whole or not at all, replacing what was there. */
	void put(String key, byte[] content) throws IOException;

	/**
	 * Copies the object under {@code key} to {@code target}, replacing it.
	 * @throws java.nio.file.NoSuchFileException if there is no such object
	 * @throws UnservableObjectException if what is under the key must not be read (a link)
	 */
	void get(String key, Path target) throws IOException;

	/**
	 * The content of a small object.
	 * @throws java.nio.file.NoSuchFileException if there is no such object
	 * @throws UnservableObjectException if what is under the key must not be read (a link)
	 */
	byte[] read(String key) throws IOException;

	/** The keys that start with {@code prefix}, sorted; empty when there are none. */
	List<String> list(String prefix) throws IOException;

	/** Deletes the object under {@code key}; does nothing if there is none. */
	void delete(String key) throws IOException;

	/** A short description for logs and health: {@code file:/var/backups}, {@code s3://bucket/prefix}. */
	String describe();

}
