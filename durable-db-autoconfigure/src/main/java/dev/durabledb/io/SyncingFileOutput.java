package dev.durabledb.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a new file and syncs it to disk on another thread while it is being written:
 * every {@value #SYNC_EVERY_BYTES} bytes a sync of what is there so far starts, unless one
 * is running. Writing a large file and syncing it afterwards would add the whole disk
 * write to the wait; this way the disk works while the writer does, and the last sync
 * has little left to do.
 * <p>
 * {@link #close()} closes the file and starts the last sync without waiting for it, so
 * that the caller can read the file meanwhile; {@link #awaitSynced()} waits for it.
 */
public final class SyncingFileOutput extends OutputStream {

	static final int SYNC_EVERY_BYTES = 16 << 20;

	private final FileChannel channel;

	private final ExecutorService syncer = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "durable-db-file-sync");
		thread.setDaemon(true);
		return thread;
	});

	private Future<?> sync;

	private long unsynced;

	private boolean closed;

	private SyncingFileOutput(FileChannel channel) {
		this.channel = channel;
	}

	/** Creates {@code file}, or empties it if it exists. */
	public static SyncingFileOutput create(Path file) throws IOException {
		return new SyncingFileOutput(FileChannel.open(file, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
		while (buffer.hasRemaining()) {
			this.channel.write(buffer);
		}
		this.unsynced += length;
		if (this.unsynced >= SYNC_EVERY_BYTES && (this.sync == null || this.sync.isDone())) {
			rethrowFailure();
			this.unsynced = 0;
			this.sync = this.syncer.submit(this::force);
		}
	}

	/** Closes the file after starting its last sync; {@link #awaitSynced()} waits for it. */
	@Override
	public void close() {
		if (!this.closed) {
			this.closed = true;
			this.sync = this.syncer.submit(() -> {
				try (FileChannel channel = this.channel) {
					channel.force(true);
				}
				return null;
			});
			this.syncer.shutdown();
		}
	}

	/** Waits until everything written is on disk; closes the stream first if need be. */
	public void awaitSynced() throws IOException {
		close();
		rethrowFailure();
	}

	private Void force() throws IOException {
		this.channel.force(false);
		return null;
	}

	private void rethrowFailure() throws IOException {
		if (this.sync == null) {
			return;
		}
		try {
			this.sync.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while a file was synced to disk");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IOException("Could not sync a file to disk", ex.getCause());
		}
	}

}
