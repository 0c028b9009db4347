package dev.durabledb.replication;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads a write-ahead log the way SQLite recovers one (sqlite.org, "Database File
 * Format", section 4): a 32-byte header whose checksum must hold, then frames of a
 * 24-byte header and a page each. A frame belongs to the log only if it carries the
 * header's salts and continues the running checksum; the first that does not ends the
 * log. Of the frames that belong, those up to the last commit frame are committed.
 */
final class WalReader {

	static final int HEADER_SIZE = 32;

	static final int FRAME_HEADER_SIZE = 24;

	private static final int MAGIC_LITTLE_ENDIAN = 0x377f0682;

	private static final int MAGIC_BIG_ENDIAN = 0x377f0683;

	private static final int FORMAT_VERSION = 3007000;

	private WalReader() {
	}

	/**
	 * Reads the committed part of the log at {@code file}.
	 * @return an empty log if the file is missing or holds no header yet
	 * @throws InvalidWalException if the header is not a write-ahead log's
	 */
	static WalLog read(Path file) throws IOException {
		return read(file, null);
	}

	/**
	 * Reads the committed part of the log at {@code file} that follows {@code from}, if
	 * the file is still the log {@code from} is a place in (the same salts); else all of
	 * it. Only the bytes after that place are read, and the checksum chain continues from
	 * it.
	 * @param from where an earlier read of the same log got to; {@code null} to read all
	 * @return an empty log if the file is missing or holds no header yet
	 * @throws InvalidWalException if the header is not a write-ahead log's
	 */
	static WalLog read(Path file, @Nullable WalCursor from) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			if (size < HEADER_SIZE) {
				return WalLog.EMPTY;
			}
			byte[] header = new byte[HEADER_SIZE];
			readFully(channel, ByteBuffer.wrap(header), 0);
			Header parsed = Header.parse(header);
			boolean sameLog = from != null && from.salt1() == parsed.salt1 && from.salt2() == parsed.salt2;
			int start = sameLog ? from.frames() : 0;
			long offset = HEADER_SIZE + (long) start * parsed.frameSize();
			Checksum checksum = sameLog ? new Checksum(parsed.bigEndian, from.checksum1(), from.checksum2())
					: parsed.checksum;
			int length = (int) Math.max(0, size - offset);
			byte[] body = new byte[length];
			readFully(channel, ByteBuffer.wrap(body), offset);
			return frames(parsed, body, start, checksum);
		}
		catch (NoSuchFileException ex) {
			return WalLog.EMPTY;
		}
	}

	/** Reads the committed part of a whole log held in {@code bytes}. */
	static WalLog read(byte[] bytes) {
		if (bytes.length < HEADER_SIZE) {
			return WalLog.EMPTY;
		}
		Header header = Header.parse(bytes);
		return frames(header, java.util.Arrays.copyOfRange(bytes, HEADER_SIZE, bytes.length), 0, header.checksum);
	}

	/** The frames in {@code body} (the log's bytes from frame {@code start} on) that belong and committed. */
	private static WalLog frames(Header header, byte[] body, int start, Checksum checksum) {
		List<WalFrame> frames = new ArrayList<>();
		int committed = 0;
		int committedChecksum1 = checksum.first;
		int committedChecksum2 = checksum.second;
		int frameSize = header.frameSize();
		for (int offset = 0; offset + frameSize <= body.length; offset += frameSize) {
			ByteBuffer frame = ByteBuffer.wrap(body, offset, FRAME_HEADER_SIZE).order(ByteOrder.BIG_ENDIAN);
			if (frame.getInt(offset + 8) != header.salt1 || frame.getInt(offset + 12) != header.salt2) {
				break;
			}
			checksum.add(body, offset, 8);
			checksum.add(body, offset + FRAME_HEADER_SIZE, header.pageSize);
			if (checksum.first != frame.getInt(offset + 16) || checksum.second != frame.getInt(offset + 20)) {
				break;
			}
			byte[] page = new byte[header.pageSize];
			System.arraycopy(body, offset + FRAME_HEADER_SIZE, page, 0, header.pageSize);
			WalFrame read = new WalFrame(frame.getInt(offset), frame.getInt(offset + 4), page);
			frames.add(read);
			if (read.isCommit()) {
				committed = frames.size();
				committedChecksum1 = checksum.first;
				committedChecksum2 = checksum.second;
			}
		}
		return new WalLog(header.pageSize, header.checkpointSequence, start, List.copyOf(frames.subList(0, committed)),
				new WalCursor(header.salt1, header.salt2, start + committed, committedChecksum1, committedChecksum2));
	}

	private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		long at = position;
		while (buffer.hasRemaining()) {
			int read = channel.read(buffer, at);
			if (read < 0) {
				break;
			}
			at += read;
		}
	}

	/** A checked log header, and the running checksum after it. */
	private record Header(int pageSize, int checkpointSequence, int salt1, int salt2, boolean bigEndian,
			Checksum checksum) {

		static Header parse(byte[] bytes) {
			ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER_SIZE).order(ByteOrder.BIG_ENDIAN);
			int magic = header.getInt(0);
			if (magic != MAGIC_LITTLE_ENDIAN && magic != MAGIC_BIG_ENDIAN) {
				throw new InvalidWalException("not a write-ahead log (magic " + Integer.toHexString(magic) + ")");
			}
			if (header.getInt(4) != FORMAT_VERSION) {
				throw new InvalidWalException("unknown write-ahead log version " + header.getInt(4));
			}
			int pageSize = header.getInt(8);
			if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
				throw new InvalidWalException("invalid page size " + pageSize);
			}
			boolean bigEndian = magic == MAGIC_BIG_ENDIAN;
			Checksum checksum = new Checksum(bigEndian, 0, 0);
			checksum.add(bytes, 0, 24);
			if (checksum.first != header.getInt(24) || checksum.second != header.getInt(28)) {
				throw new InvalidWalException("the write-ahead log's header checksum does not hold");
			}
			return new Header(pageSize, header.getInt(12), header.getInt(16), header.getInt(20), bigEndian, checksum);
		}

		int frameSize() {
			return FRAME_HEADER_SIZE + this.pageSize;
		}

	}

	/** SQLite's running checksum over 32-bit words, in the byte order the magic names. */
	private static final class Checksum {

		private final ByteOrder order;

		private int first;

		private int second;

		Checksum(boolean bigEndian, int first, int second) {
			this.order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
			this.first = first;
			this.second = second;
		}

		void add(byte[] bytes, int offset, int length) {
			ByteBuffer words = ByteBuffer.wrap(bytes, offset, length).order(this.order);
			for (int i = offset; i < offset + length; i += 8) {
				this.first += words.getInt(i) + this.second;
				this.second += words.getInt(i + 4) + this.first;
			}
		}

	}

}
