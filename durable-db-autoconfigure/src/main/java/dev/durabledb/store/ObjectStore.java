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
 * Keys are relative, use {@code /} as separator and never contain {@code ..}. Keys under
 * {@code _durable-db/} are the starter's own (a database name never starts with
 * {@code _}).
 * <p>
 * Conditional writes ({@link #putIfAbsent(String, byte[])}) are optional: a store that
 * does not override them refuses them with {@link UnsupportedOperationException}, and
 * {@link #probeConditionalWrites()} then says so. Backups and replication do without;
 * several application instances sharing the tenants (cluster mode) need them, to fence
 * off an owner that lost its lease.
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

	/**
	 * Stores {@code content} under {@code key} only if no object is there, atomically: of
	 * any number of callers racing for one key, exactly one stores its content, and
	 * readers see that content whole or no object at all. It never replaces an object.
	 * <p>
	 * On a store reached over a network, a request whose answer was lost may be sent
	 * again after its first attempt stored the content; the repetition is then refused.
	 * So {@code false} means "an object is there", possibly this very content: a caller
	 * that must tell reads it back.
	 * @return {@code true} if it stored {@code content}; {@code false} if an object was
	 * already under {@code key}, left as it was
	 * @throws UnsupportedOperationException if the store cannot write conditionally (the
	 * default, so that stores written before conditional writes keep compiling)
	 */
	default boolean putIfAbsent(String key, byte[] content) throws IOException {
		throw new UnsupportedOperationException("put-if-absent is not implemented by " + getClass().getName());
	}

	/**
	 * Stores the content of {@code file} under {@code key} only if no object is there,
	 * atomically, as {@link #putIfAbsent(String, byte[])} does. The store may move
	 * {@code file} away, whatever the answer; the caller deletes it if it is still there.
	 * @return {@code true} if it stored the content; {@code false} if an object was
	 * already under {@code key}, left as it was
	 * @throws UnsupportedOperationException if the store cannot write conditionally (the
	 * default)
	 */
	default boolean putIfAbsent(String key, Path file) throws IOException {
		throw new UnsupportedOperationException("put-if-absent is not implemented by " + getClass().getName());
	}

	/**
	 * Finds out whether {@link #putIfAbsent(String, byte[])} keeps its promise here, by
	 * trying it rather than trusting the store: two puts-if-absent on a fresh key under
	 * {@code _durable-db/probes/}, of which the second must be refused and leave the
	 * first's content, then a delete. Some S3-compatible servers ignore the condition
	 * and overwrite; this tells them apart. A probe that dies midway may leave its
	 * object behind, which nothing reads.
	 * @throws IOException if the store could not be reached: that says nothing about
	 * conditional writes
	 */
	default ConditionalWrites probeConditionalWrites() throws IOException {
		return ConditionalWritesProbe.probe(this);
	}

	/** A short description for logs and health: {@code file:/var/backups}, {@code s3://bucket/prefix}. */
	String describe();

}
