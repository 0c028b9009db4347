package dev.durabledb.replication;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import dev.durabledb.io.LeveledGzipOutputStream;
import dev.durabledb.io.Sha256;

/**
 * Writes and reads {@link Segment segments}: gzip over a small binary form (a magic, the
 * instance, generation and first commit, the commits, the frames) that ends with a
 * SHA-256 of all before it. Reading checks everything a restore relies on: the digest,
 * the instance and generation the caller expects, and that every commit ends on a commit
 * frame.
 */
final class SegmentCodec {

	private static final String MAGIC = "durable-db segment 1";

	private static final int MAX_COMMITS = 1 << 24;

	private SegmentCodec() {
	}

	static void write(Segment segment, OutputStream out) throws IOException {
		// The fastest level: segments are shipped on the way of every commit.
		GZIPOutputStream gzip = new LeveledGzipOutputStream(out, Deflater.BEST_SPEED, 64 * 1024);
		MessageDigest sha = Sha256.digest();
		DataOutputStream data = new DataOutputStream(new DigestOutputStream(gzip, sha));
		data.writeUTF(MAGIC);
		data.writeUTF(segment.database());
		data.writeUTF(segment.instance());
		data.writeUTF(segment.generation());
		data.writeLong(segment.firstCommit());
		data.writeInt(segment.pageSize());
		data.writeInt(segment.commits().size());
		for (Segment.Commit commit : segment.commits()) {
			data.writeInt(commit.framesEnd());
			data.writeLong(commit.at().toEpochMilli());
		}
		data.writeInt(segment.frames().size());
		for (WalFrame frame : segment.frames()) {
			data.writeInt(frame.pageNumber());
			data.writeInt(frame.databasePages());
			data.write(frame.page());
		}
		data.flush();
		gzip.write(sha.digest());
		gzip.finish();
	}

	/**
	 * Reads a segment that must belong to {@code generation} of {@code database}/{@code instance}.
	 * @throws InvalidSegmentException if it is damaged, cut short, or another's
	 */
	static Segment read(InputStream in, String database, String instance, String generation) throws IOException {
		Segment segment;
		try {
			GZIPInputStream gzip = new GZIPInputStream(in, 64 * 1024);
			MessageDigest sha = Sha256.digest();
			DataInputStream data = new DataInputStream(new DigestInputStream(gzip, sha));
			if (!MAGIC.equals(data.readUTF())) {
				throw new InvalidSegmentException("it is not a durable-db segment");
			}
			segment = readBody(data);
			byte[] expected = sha.digest();
			byte[] stored = gzip.readNBytes(expected.length);
			if (!Arrays.equals(expected, stored)) {
				throw new InvalidSegmentException("its checksum does not hold");
			}
			// Reading to the end makes gzip check its own trailer too.
			if (gzip.read() != -1) {
				throw new InvalidSegmentException("it holds bytes after its end");
			}
		}
		catch (EOFException ex) {
			throw new InvalidSegmentException("it is cut short");
		}
		catch (ZipException | UTFDataFormatException ex) {
			throw new InvalidSegmentException("it is damaged (" + ex.getMessage() + ")");
		}
		if (!segment.database().equals(database) || !segment.instance().equals(instance)) {
			throw new InvalidSegmentException("it belongs to instance '" + segment.database() + "/"
					+ segment.instance() + "', not '" + database + "/" + instance + "'");
		}
		if (!segment.generation().equals(generation)) {
			throw new InvalidSegmentException("it belongs to generation " + segment.generation() + ", not "
					+ generation);
		}
		return segment;
	}

	private static Segment readBody(DataInputStream data) throws IOException {
		String database = data.readUTF();
		String instance = data.readUTF();
		String generation = data.readUTF();
		long firstCommit = data.readLong();
		int pageSize = data.readInt();
		if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
			throw new InvalidSegmentException("its page size " + pageSize + " is not SQLite's");
		}
		int commitCount = count(data.readInt());
		List<Segment.Commit> commits = new ArrayList<>(commitCount);
		for (int i = 0; i < commitCount; i++) {
			commits.add(new Segment.Commit(data.readInt(), Instant.ofEpochMilli(data.readLong())));
		}
		int frameCount = count(data.readInt());
		List<WalFrame> frames = new ArrayList<>(frameCount);
		for (int i = 0; i < frameCount; i++) {
			int pageNumber = data.readInt();
			int databasePages = data.readInt();
			byte[] page = new byte[pageSize];
			data.readFully(page);
			frames.add(new WalFrame(pageNumber, databasePages, page));
		}
		int previous = 0;
		for (Segment.Commit commit : commits) {
			if (commit.framesEnd() <= previous || commit.framesEnd() > frames.size()
					|| !frames.get(commit.framesEnd() - 1).isCommit()) {
				throw new InvalidSegmentException("a commit of it does not end on a commit frame");
			}
			previous = commit.framesEnd();
		}
		if (previous != frames.size()) {
			throw new InvalidSegmentException("it holds frames after its last commit");
		}
		return new Segment(database, instance, generation, firstCommit, pageSize, List.copyOf(commits),
				List.copyOf(frames));
	}

	private static int count(int count) throws InvalidSegmentException {
		if (count < 0 || count > MAX_COMMITS) {
			throw new InvalidSegmentException("it claims " + count + " entries");
		}
		return count;
	}


}
