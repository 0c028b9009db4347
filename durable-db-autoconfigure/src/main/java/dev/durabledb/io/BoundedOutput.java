package dev.durabledb.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes at most a given number of bytes on, and fails on the first byte beyond: what
 * reads untrusted compressed data (a backup, an archive entry) writes through, so that a
 * small input can never fill the disk.
 */
public final class BoundedOutput extends FilterOutputStream {

	private final long limit;

	private long written;

	public BoundedOutput(OutputStream out, long limit) {
		super(out);
		this.limit = limit;
	}

	@Override
	public void write(int b) throws IOException {
		count(1);
		this.out.write(b);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		count(length);
		this.out.write(bytes, offset, length);
	}

	/** Does not close the stream it wraps: its owner does. */
	@Override
	public void close() throws IOException {
		flush();
	}

	private void count(int length) throws LimitExceededException {
		if (this.written + length > this.limit) {
			throw new LimitExceededException(this.limit);
		}
		this.written += length;
	}

	/** More bytes came than the limit allows; none of them was passed on. */
	public static final class LimitExceededException extends IOException {

		LimitExceededException(long limit) {
			super("More than " + limit + " bytes");
		}

	}

}
