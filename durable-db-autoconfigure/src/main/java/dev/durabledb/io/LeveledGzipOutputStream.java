package dev.durabledb.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** gzip at a chosen level: {@link GZIPOutputStream} offers no constructor for it. */
public final class LeveledGzipOutputStream extends GZIPOutputStream {

	/**
	 * @param level from 1 (fastest) to 9 (smallest)
	 * @param bufferSize the size of the output buffer
	 */
	public LeveledGzipOutputStream(OutputStream out, int level, int bufferSize) throws IOException {
		super(out, bufferSize);
		this.def.setLevel(level);
	}

}
