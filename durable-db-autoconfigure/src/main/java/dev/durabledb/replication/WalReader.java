package dev.durabledb.replication;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			return new WalLog(0, 0, 0, 0, List.of());
		}
		return read(bytes);
	}

	static WalLog read(byte[] bytes) {
		if (bytes.length < HEADER_SIZE) {
			return new WalLog(0, 0, 0, 0, List.of());
		}
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
		Checksum checksum = new Checksum(magic == MAGIC_BIG_ENDIAN);
		checksum.add(bytes, 0, 24);
		if (checksum.first != header.getInt(24) || checksum.second != header.getInt(28)) {
			throw new InvalidWalException("the write-ahead log's header checksum does not hold");
		}
		int salt1 = header.getInt(16);
		int salt2 = header.getInt(20);
		List<WalFrame> frames = new ArrayList<>();
		int committed = 0;
		int frameSize = FRAME_HEADER_SIZE + pageSize;
		for (int offset = HEADER_SIZE; offset + frameSize <= bytes.length; offset += frameSize) {
			ByteBuffer frame = ByteBuffer.wrap(bytes, offset, FRAME_HEADER_SIZE).order(ByteOrder.BIG_ENDIAN);
			if (frame.getInt(offset + 8) != salt1 || frame.getInt(offset + 12) != salt2) {
				break;
			}
			checksum.add(bytes, offset, 8);
			checksum.add(bytes, offset + FRAME_HEADER_SIZE, pageSize);
			if (checksum.first != frame.getInt(offset + 16) || checksum.second != frame.getInt(offset + 20)) {
				break;
			}
			byte[] page = new byte[pageSize];
			System.arraycopy(bytes, offset + FRAME_HEADER_SIZE, page, 0, pageSize);
			WalFrame read = new WalFrame(frame.getInt(offset), frame.getInt(offset + 4), page);
			frames.add(read);
			if (read.isCommit()) {
				committed = frames.size();
			}
		}
		return new WalLog(pageSize, salt1, salt2, header.getInt(12), List.copyOf(frames.subList(0, committed)));
	}

	/** SQLite's running checksum over 32-bit words, in the byte order the magic names. */
	private static final class Checksum {

		private final ByteOrder order;

		private int first;

		private int second;

		Checksum(boolean bigEndian) {
			this.order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
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
