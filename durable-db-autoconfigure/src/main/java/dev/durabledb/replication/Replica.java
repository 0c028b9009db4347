package dev.durabledb.replication;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.Deflater;

import dev.durabledb.io.AtomicFiles;
import dev.durabledb.io.LeveledGzipOutputStream;
import dev.durabledb.store.ObjectStore;

/**
 * The history of one instance in a store: per generation, a snapshot and the segments
 * after it.
 *
 * <pre>
 * replication/&lt;database&gt;/&lt;instance file&gt;/&lt;generation&gt;/snapshot.db.gz
 * replication/&lt;database&gt;/&lt;instance file&gt;/&lt;generation&gt;/&lt;first commit&gt;-&lt;last commit&gt;.segment
 * replication/&lt;database&gt;/&lt;instance file&gt;/deleted (once the instance is deleted)
 * </pre>
 *
 * Commit positions in names are 16 hex digits, so that a listing sorts them.
 */
final class Replica {

	/** Where every instance's history is. */
	static final String ROOT = "replication/";

	private static final String SNAPSHOT = "snapshot.db.gz";

	private static final String SEGMENT = ".segment";

	/** Written when the instance is deleted, with the time: its history is kept, and not recovered. */
	private static final String DELETED = "deleted";

	private final ObjectStore store;

	private final String database;

	private final String instance;

	private final String folder;

	/**
	 * @param instance the instance, as its segments name it
	 * @param folder the instance's name in keys: its file's name, which is safe in a key
	 * and tells instances apart even where case does not
	 */
	Replica(ObjectStore store, String database, String instance, String folder) {
		this.store = store;
		this.database = database;
		this.instance = instance;
		this.folder = folder;
	}

	/**
	 * Keeps {@code file}, a consistent copy of the instance, as the start of
	 * {@code generation}.
	 * @return how many bytes it took in the store
	 */
	long putSnapshot(String generation, Path file) throws IOException {
		Path compressed = AtomicFiles.temporarySibling(file);
		try {
			try (InputStream in = Files.newInputStream(file);
					OutputStream out = new LeveledGzipOutputStream(Files.newOutputStream(compressed), Deflater.BEST_SPEED,
							64 * 1024)) {
				in.transferTo(out);
			}
			long size = Files.size(compressed);
			this.store.put(prefix(generation) + SNAPSHOT, compressed);
			return size;
		}
		finally {
			Files.deleteIfExists(compressed);
		}
	}

	/**
	 * Keeps {@code segment} as the next of its generation.
	 * @param staging where to write it first: a folder whose leftovers startup removes
	 * @return how many bytes it took in the store
	 */
	long putSegment(Segment segment, Path staging) throws IOException {
		Path file = Files.createTempFile(staging, "segment", SEGMENT);
		try {
			try (OutputStream out = Files.newOutputStream(file)) {
				SegmentCodec.write(segment, out);
			}
			long size = Files.size(file);
			this.store.put(prefix(segment.generation()) + position(segment.firstCommit()) + "-"
					+ position(segment.lastCommit()) + SEGMENT, file);
			return size;
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	/** The generations in the store, oldest first. */
	List<String> generations() throws IOException {
		TreeSet<String> generations = new TreeSet<>();
		String prefix = prefix();
		for (String key : this.store.list(prefix)) {
			int slash = key.indexOf('/', prefix.length());
			if (slash > 0 && Generation.isValid(key.substring(prefix.length(), slash))) {
				generations.add(key.substring(prefix.length(), slash));
			}
		}
		return List.copyOf(generations);
	}

	/**
	 * Deletes the generations no restore to {@code cutoff} or later needs: those followed
	 * by a generation that began at or before it. The newest generation stays, unless the
	 * instance was deleted before {@code cutoff}: then nothing is left.
	 * @return how many generations were deleted
	 */
	int expire(Instant cutoff) throws IOException {
		List<String> generations = generations();
		Optional<Instant> deleted = deletedAt();
		boolean all = deleted.isPresent() && !deleted.get().isAfter(cutoff);
		int expired = 0;
		for (int i = 0; i < generations.size(); i++) {
			boolean last = i + 1 == generations.size();
			if (!all && (last || HexFormat.fromHexDigitsToLong(generations.get(i + 1)) > cutoff.toEpochMilli())) {
				break;
			}
			deleteGeneration(generations.get(i));
			expired++;
		}
		if (all) {
			this.store.delete(prefix() + DELETED);
		}
		return expired;
	}

	/** Records that the instance was deleted at {@code at}; its history stays until retention ends it. */
	void markDeleted(Instant at) throws IOException {
		this.store.put(prefix() + DELETED, at.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** Forgets a deletion: the instance exists again. */
	void clearDeleted() throws IOException {
		this.store.delete(prefix() + DELETED);
	}

	/** When the instance was deleted, if it was (and has not been made again since). */
	Optional<Instant> deletedAt() throws IOException {
		if (!this.store.list(prefix() + DELETED).contains(prefix() + DELETED)) {
			return Optional.empty();
		}
		return Optional.of(Instant.parse(new String(this.store.read(prefix() + DELETED), StandardCharsets.UTF_8).strip()));
	}

	/** Deletes the instance's whole history. */
	void deleteAll() throws IOException {
		for (String generation : generations()) {
			deleteGeneration(generation);
		}
		this.store.delete(prefix() + DELETED);
	}

	private void deleteGeneration(String generation) throws IOException {
		// The snapshot first: a generation cut short midway can no longer be restored from.
		String prefix = prefix(generation);
		this.store.delete(prefix + SNAPSHOT);
		for (String key : this.store.list(prefix)) {
			this.store.delete(key);
		}
	}

	/** The last commit in the store, if any. */
	Optional<Bookmark> latest() throws IOException {
		List<String> generations = generations();
		if (generations.isEmpty()) {
			return Optional.empty();
		}
		String generation = generations.get(generations.size() - 1);
		List<long[]> segments = segments(generation);
		return Optional.of(new Bookmark(generation, segments.isEmpty() ? 0 : segments.get(segments.size() - 1)[1]));
	}

	/**
	 * The last commit at or before {@code instant}: in the newest generation that began by
	 * then, its last commit shipped by then, or its snapshot if none was.
	 */
	Optional<Bookmark> at(Instant instant) throws IOException {
		List<String> generations = generations();
		for (int i = generations.size() - 1; i >= 0; i--) {
			String generation = generations.get(i);
			if (HexFormat.fromHexDigitsToLong(generation) > instant.toEpochMilli()) {
				continue;
			}
			long last = 0;
			for (long[] range : segments(generation)) {
				Segment segment;
				try (InputStream in = open(segmentKey(generation, range))) {
					segment = SegmentCodec.read(in, this.database, this.instance, generation);
				}
				for (int commit = 0; commit < segment.commits().size(); commit++) {
					if (segment.commits().get(commit).at().isAfter(instant)) {
						return Optional.of(new Bookmark(generation, last));
					}
					last = segment.firstCommit() + commit;
				}
			}
			return Optional.of(new Bookmark(generation, last));
		}
		return Optional.empty();
	}

	/**
	 * Writes into {@code target} the instance exactly as it was after the commit
	 * {@code bookmark} names: the generation's snapshot with the frames of every commit up
	 * to it.
	 * @throws InvalidSegmentException if the history in the store cannot give that state:
	 * a commit missing, a segment damaged or another's, a page size that does not match
	 */
	void rebuild(Bookmark bookmark, Path target) throws IOException {
		String generation = bookmark.generation();
		try (InputStream in = new GZIPInputStream(open(prefix(generation) + SNAPSHOT), 64 * 1024);
				OutputStream out = Files.newOutputStream(target)) {
			in.transferTo(out);
		}
		int pageSize = pageSize(target);
		long next = 1;
		for (long[] range : segments(generation)) {
			if (next > bookmark.commit()) {
				break;
			}
			if (range[0] != next) {
				throw new InvalidSegmentException("generation " + generation + " of '" + this.database + "/"
						+ this.instance + "' lacks commits " + next + " to " + (range[0] - 1));
			}
			Segment segment;
			try (InputStream in = open(segmentKey(generation, range))) {
				segment = SegmentCodec.read(in, this.database, this.instance, generation);
			}
			if (segment.firstCommit() != range[0] || segment.lastCommit() != range[1]) {
				throw new InvalidSegmentException("its name says commits " + range[0] + " to " + range[1]
						+ ", it holds " + segment.firstCommit() + " to " + segment.lastCommit());
			}
			if (segment.pageSize() != pageSize) {
				throw new InvalidSegmentException("its page size " + segment.pageSize() + " is not the snapshot's "
						+ pageSize);
			}
			int commits = (int) Math.min(segment.commits().size(), bookmark.commit() - segment.firstCommit() + 1);
			FrameWriter.write(target, pageSize,
					segment.frames().subList(0, segment.commits().get(commits - 1).framesEnd()));
			next = segment.firstCommit() + commits;
		}
		if (next <= bookmark.commit()) {
			throw new InvalidSegmentException("generation " + generation + " of '" + this.database + "/"
					+ this.instance + "' ends at commit " + (next - 1) + ", before " + bookmark.commit());
		}
	}

	/** The segments of {@code generation}, as {first, last} commit, in order. */
	private List<long[]> segments(String generation) throws IOException {
		String prefix = prefix(generation);
		List<long[]> segments = new ArrayList<>();
		for (String key : this.store.list(prefix)) {
			String name = key.substring(prefix.length());
			if (name.endsWith(SEGMENT) && name.length() == 33 + SEGMENT.length()) {
				segments.add(new long[] { HexFormat.fromHexDigitsToLong(name, 0, 16),
						HexFormat.fromHexDigitsToLong(name, 17, 33) });
			}
		}
		segments.sort(Comparator.comparingLong((long[] range) -> range[0]));
		return segments;
	}

	private InputStream open(String key) throws IOException {
		Path local = Files.createTempFile("durable-db-replica", ".part");
		try {
			this.store.get(key, local);
			return Files.newInputStream(local, StandardOpenOption.DELETE_ON_CLOSE);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(local);
			throw ex;
		}
	}

	private String segmentKey(String generation, long[] range) {
		return prefix(generation) + position(range[0]) + "-" + position(range[1]) + SEGMENT;
	}

	private String prefix() {
		return ROOT + this.database + "/" + this.folder + "/";
	}

	private String prefix(String generation) {
		return prefix() + generation + "/";
	}

	private static String position(long commit) {
		return HexFormat.of().toHexDigits(commit);
	}

	/** The page size a database file's header gives. */
	static int pageSize(Path file) throws IOException {
		ByteBuffer header = ByteBuffer.allocate(2);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			if (channel.read(header, 16) != 2) {
				throw new InvalidSegmentException("the snapshot is not a SQLite database");
			}
		}
		int size = Short.toUnsignedInt(header.getShort(0));
		return (size == 1) ? 65536 : size;
	}

}
