package dev.durabledb.replication;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Puts committed frames back into a database file, the way a checkpoint does: each
 * frame's page at its place, and the file cut to the size the last commit frame gives.
 * A copy of the database as it was when a log began, with the log's frames up to a
 * commit written into it, is the database exactly as it was after that commit.
 */
final class FrameWriter {

	private FrameWriter() {
	}

	/**
	 * Writes {@code frames}, which must end with a commit frame, into {@code file} and
	 * syncs it. No connection may have the file open.
	 */
	static void write(Path file, int pageSize, List<WalFrame> frames) throws IOException {
		if (frames.isEmpty()) {
			return;
		}
		WalFrame last = frames.get(frames.size() - 1);
		if (!last.isCommit()) {
			throw new IllegalArgumentException("Frames must end with a commit frame");
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			for (WalFrame frame : frames) {
				ByteBuffer page = ByteBuffer.wrap(frame.page());
				long position = (long) (frame.pageNumber() - 1) * pageSize;
				while (page.hasRemaining()) {
					position += channel.write(page, position);
				}
			}
			channel.truncate((long) last.databasePages() * pageSize);
			channel.force(true);
		}
	}

}
