package dev.durabledb.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.file.FileObjectStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The file store, noting when each put of a replication segment completes: the moment the
 * commits it holds are in the store, for {@link ReplicationLag}. Everything else is the
 * file store's own work; the note is one {@code System.nanoTime()} and a queue offer per
 * segment.
 */
final class TimedObjectStore implements ObjectStore {

	private static final String SEGMENT = ".segment";

	private final ObjectStore store;

	private final Queue<SegmentPut> segments = new ConcurrentLinkedQueue<>();

	TimedObjectStore(ObjectStore store) {
		this.store = store;
	}

	/** The segments put so far, in the order their puts completed. */
	List<SegmentPut> segments() {
		return List.copyOf(this.segments);
	}

	@Override
	public void put(String key, Path file) throws IOException {
		this.store.put(key, file);
		noteIfSegment(key);
	}

	@Override
	public void put(String key, byte[] content) throws IOException {
		this.store.put(key, content);
		noteIfSegment(key);
	}

	@Override
	public boolean putIfAbsent(String key, byte[] content) throws IOException {
		boolean stored = this.store.putIfAbsent(key, content);
		if (stored) {
			noteIfSegment(key);
		}
		return stored;
	}

	@Override
	public boolean putIfAbsent(String key, Path file) throws IOException {
		boolean stored = this.store.putIfAbsent(key, file);
		if (stored) {
			noteIfSegment(key);
		}
		return stored;
	}

	@Override
	public void get(String key, Path target) throws IOException {
		this.store.get(key, target);
	}

	@Override
	public byte[] read(String key) throws IOException {
		return this.store.read(key);
	}

	@Override
	public List<String> list(String prefix) throws IOException {
		return this.store.list(prefix);
	}

	@Override
	public void delete(String key) throws IOException {
		this.store.delete(key);
	}

	@Override
	public String describe() {
		return this.store.describe();
	}

	private void noteIfSegment(String key) {
		if (key.endsWith(SEGMENT)) {
			this.segments.add(SegmentPut.of(key, System.nanoTime()));
		}
	}

	/**
	 * One segment in the store, from its key
	 * ({@code replication/<database>/<instance file>/<generation>/<first>-<last>.segment},
	 * commit positions in 16 hex digits).
	 *
	 * @param folder the instance's file name
	 * @param generation the generation
	 * @param first the position of its first commit
	 * @param last the position of its last commit
	 * @param completedNanos {@code System.nanoTime()} when its put returned
	 */
	record SegmentPut(String folder, String generation, long first, long last, long completedNanos) {

		static SegmentPut of(String key, long completedNanos) {
			String[] parts = key.split("/");
			String name = parts[parts.length - 1];
			return new SegmentPut(parts[parts.length - 3], parts[parts.length - 2], HexFormat.fromHexDigitsToLong(name, 0, 16),
					HexFormat.fromHexDigitsToLong(name, 17, 33), completedNanos);
		}

	}

	/** The application's own store: replaces the starter's file store, in the same folder. */
	@Configuration(proxyBeanMethods = false)
	static class StoreConfiguration {

		@Bean
		TimedObjectStore timedObjectStore(DurableDbProperties properties) {
			return new TimedObjectStore(new FileObjectStore(properties.backup().file().dir()));
		}

	}

}
