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
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.Deflater;

import dev.durabledb.io.AtomicFiles;
import dev.durabledb.io.LeveledGzipOutputStream;
import dev.durabledb.store.ObjectStore;
import org.jspecify.annotations.Nullable;

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
 * <p>
 * A <em>fenced</em> history (written by nodes that share the store, each instance under
 * one owner's lease at a time: {@link HistoryFence}) adds claims, so that a writer that
 * lost its lease cannot extend it once another took it over:
 *
 * <pre>
 * &lt;generation&gt;/&lt;first&gt;-&lt;last&gt;.e&lt;epoch&gt;.segment   a segment, under its writer's own name
 * &lt;generation&gt;/&lt;position&gt;.claim                    "segment &lt;file name&gt; &lt;epoch&gt;" or "next &lt;generation&gt; &lt;epoch&gt;"
 * </pre>
 *
 * A claim is created only if absent ({@link ObjectStore#putIfAbsent}): of two writers
 * the first wins the position, the other is fenced off. In a generation with a claim,
 * its segments are exactly those reached by following claims from position 1 (a
 * {@code segment} claim leads to its last commit + 1, a segment of the unfenced form
 * counts as claimed, a {@code next} claim or a position nobody claimed ends the
 * generation); unclaimed segments are orphans, ignored. A {@code next} claim is made
 * before the new generation's snapshot is put, so a generation may lack its snapshot (its
 * writer died between the two): it is skipped, and its claims still lead on. The position
 * where the chain of claims stops is the history's <em>open end</em>, the one the owner
 * claims next. Generations without claims read as unfenced ones.
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
		return List.copyOf(listing().keySet());
	}

	/** The generations with a snapshot, oldest first: those a restore can begin from. */
	private static List<String> restorable(SortedMap<String, Set<String>> listing) {
		return listing.entrySet().stream().filter((entry) -> entry.getValue().contains(SNAPSHOT)).map(Map.Entry::getKey)
			.toList();
	}

	/** Every name in the history, by generation, from one listing. */
	private SortedMap<String, Set<String>> listing() throws IOException {
		SortedMap<String, Set<String>> generations = new TreeMap<>();
		String prefix = prefix();
		for (String key : this.store.list(prefix)) {
			int slash = key.indexOf('/', prefix.length());
			if (slash > 0 && Generation.isValid(key.substring(prefix.length(), slash))) {
				generations.computeIfAbsent(key.substring(prefix.length(), slash), (generation) -> new HashSet<>())
					.add(key.substring(slash + 1));
			}
		}
		return generations;
	}

	/**
	 * Keeps {@code segment} under a name only this writer (its {@code epoch}) writes, then
	 * claims its position.
	 * @param staging where to write it first: a folder whose leftovers startup removes
	 * @return how many bytes it took in the store; -1 if another writer holds the position
	 * (the segment stays, an orphan)
	 */
	long putClaimedSegment(Segment segment, Path staging, long epoch) throws IOException {
		String name = Claim.segmentName(segment.firstCommit(), segment.lastCommit(), epoch);
		Path file = Files.createTempFile(staging, "segment", SEGMENT);
		long size;
		try {
			try (OutputStream out = Files.newOutputStream(file)) {
				SegmentCodec.write(segment, out);
			}
			size = Files.size(file);
			this.store.put(prefix(segment.generation()) + name, file);
		}
		finally {
			Files.deleteIfExists(file);
		}
		return claim(segment.generation(), segment.firstCommit(), Claim.segment(name, epoch)) ? size : -1;
	}

	/**
	 * Claims {@code position} of {@code generation}.
	 * @return whether this claim holds it: {@code false} if another writer's does
	 */
	boolean claim(String generation, long position, Claim claim) throws IOException {
		String key = prefix(generation) + Claim.name(position);
		byte[] content = claim.encode();
		if (this.store.putIfAbsent(key, content)) {
			return true;
		}
		// A request sent again after its answer was lost is refused for the claim it made.
		try {
			return Arrays.equals(this.store.read(key), content);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
	}

	/**
	 * Deletes the generations no restore to {@code cutoff} or later needs: those followed
	 * by a generation that began at or before it. The newest generation stays, unless the
	 * instance was deleted before {@code cutoff}: then nothing is left.
	 * @return how many generations were deleted
	 */
	int expire(Instant cutoff) throws IOException {
		SortedMap<String, Set<String>> listing = listing();
		List<String> restorable = restorable(listing);
		Optional<Instant> deleted = deletedAt();
		boolean all = deleted.isPresent() && !deleted.get().isAfter(cutoff);
		int expired = 0;
		for (String generation : listing.keySet()) {
			// The next generation a restore can begin from (one without a snapshot cannot).
			String following = restorable.stream().filter((later) -> later.compareTo(generation) > 0).findFirst()
				.orElse(null);
			if (!all && (following == null || HexFormat.fromHexDigitsToLong(following) > cutoff.toEpochMilli())) {
				break;
			}
			deleteGeneration(generation);
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

	/** The last commit in the store, if any: in the newest generation with a snapshot. */
	Optional<Bookmark> latest() throws IOException {
		return tip().map(Tip::latest);
	}

	/** The last commit in the store and the open end after it; empty if there is no history. */
	Optional<Tip> tip() throws IOException {
		SortedMap<String, Set<String>> listing = listing();
		List<String> restorable = restorable(listing);
		if (restorable.isEmpty()) {
			return Optional.empty();
		}
		String generation = restorable.get(restorable.size() - 1);
		Chain chain = chain(generation, listing.get(generation));
		Bookmark latest = new Bookmark(generation, chain.end() - 1);
		// A generation claimed but never begun (its writer died before its snapshot): its
		// claims still lead on, so the open end is past them.
		while (chain.next() != null) {
			if (chain.next().compareTo(generation) <= 0) {
				throw new InvalidSegmentException("generation " + generation + " of '" + this.database + "/"
						+ this.instance + "' claims an older next generation, " + chain.next());
			}
			generation = chain.next();
			chain = chain(generation, listing.getOrDefault(generation, Set.of()));
		}
		return Optional.of(new Tip(latest, new Bookmark(generation, chain.end())));
	}

	/**
	 * The last commit at or before {@code instant}: in the newest generation that began by
	 * then, its last commit shipped by then, or its snapshot if none was.
	 */
	Optional<Bookmark> at(Instant instant) throws IOException {
		SortedMap<String, Set<String>> listing = listing();
		List<String> generations = restorable(listing);
		for (int i = generations.size() - 1; i >= 0; i--) {
			String generation = generations.get(i);
			if (HexFormat.fromHexDigitsToLong(generation) > instant.toEpochMilli()) {
				continue;
			}
			long last = 0;
			for (SegmentFile range : chain(generation, listing.get(generation)).segments()) {
				Segment segment;
				try (InputStream in = open(range.key())) {
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
		for (SegmentFile range : segments(generation)) {
			if (next > bookmark.commit()) {
				break;
			}
			if (range.first() != next) {
				throw new InvalidSegmentException("generation " + generation + " of '" + this.database + "/"
						+ this.instance + "' lacks commits " + next + " to " + (range.first() - 1));
			}
			Segment segment;
			try (InputStream in = open(range.key())) {
				segment = SegmentCodec.read(in, this.database, this.instance, generation);
			}
			if (segment.firstCommit() != range.first() || segment.lastCommit() != range.last()) {
				throw new InvalidSegmentException("its name says commits " + range.first() + " to " + range.last()
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

	/** The segments of {@code generation}, in order. */
	private List<SegmentFile> segments(String generation) throws IOException {
		String prefix = prefix(generation);
		Set<String> names = new HashSet<>();
		for (String key : this.store.list(prefix)) {
			names.add(key.substring(prefix.length()));
		}
		return chain(generation, names).segments();
	}

	/**
	 * The segments of {@code generation}, whose folder holds {@code names}: all of the
	 * unfenced form if it has no claim, else those its claims lead to from position 1.
	 */
	private Chain chain(String generation, Set<String> names) throws IOException {
		String prefix = prefix(generation);
		SortedMap<Long, SegmentFile> plain = new TreeMap<>();
		boolean claimed = false;
		for (String name : names) {
			if (name.endsWith(SEGMENT) && name.length() == 33 + SEGMENT.length()) {
				long first = HexFormat.fromHexDigitsToLong(name, 0, 16);
				plain.put(first, new SegmentFile(first, HexFormat.fromHexDigitsToLong(name, 17, 33), prefix + name));
			}
			claimed |= name.endsWith(Claim.SUFFIX);
		}
		if (!claimed) {
			List<SegmentFile> segments = List.copyOf(plain.values());
			return new Chain(segments, segments.isEmpty() ? 1 : segments.get(segments.size() - 1).last() + 1, null);
		}
		List<SegmentFile> segments = new ArrayList<>();
		long position = 1;
		while (true) {
			String name = Claim.name(position);
			if (names.contains(name)) {
				Claim claim = Claim.parse(this.store.read(prefix + name))
					.orElseThrow(() -> new InvalidSegmentException("the claim " + prefix + name + " is not one"));
				if (claim.next()) {
					return new Chain(segments, position, claim.target());
				}
				if (claim.firstCommit() != position || claim.lastCommit() < position) {
					throw new InvalidSegmentException("the claim of commit " + position + " in generation " + generation
							+ " names segment " + claim.target());
				}
				segments.add(new SegmentFile(position, claim.lastCommit(), prefix + claim.target()));
				position = claim.lastCommit() + 1;
			}
			else if (plain.containsKey(position)) {
				// Shipped before the history was fenced: only an unfenced writer names segments so.
				SegmentFile segment = plain.get(position);
				segments.add(segment);
				position = segment.last() + 1;
			}
			else {
				return new Chain(segments, position, null);
			}
		}
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

	/**
	 * The end of a history: its last commit, and its open end, the position its owner
	 * claims next (after the last commit, or at the start of a generation claimed but
	 * never begun).
	 */
	record Tip(Bookmark latest, Bookmark openEnd) {
	}

	/** A segment in the store: the commits it holds, and its key. */
	private record SegmentFile(long first, long last, String key) {
	}

	/**
	 * A generation's segments as its claims chain them; {@code end} the position after
	 * them, {@code next} the generation a claim there began, if one did.
	 */
	private record Chain(List<SegmentFile> segments, long end, @Nullable String next) {
	}

}
