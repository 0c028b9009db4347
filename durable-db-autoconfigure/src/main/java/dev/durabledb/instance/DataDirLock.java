package dev.durabledb.instance;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.DurableDbException;

/**
 * One process at a time per data dir: an operating-system lock on
 * {@code <data-dir>/.durable-db/owner.lock}, which also names its holder. Two processes
 * writing one file through two single-writer runtimes would lose writes, and knowing that
 * no one else can touch the files is what lets the starter treat what it finds at startup
 * (a Liquibase lock, a half-done operation) as left by a crash. The operating system
 * releases the lock when the process dies, however it dies.
 */
public final class DataDirLock implements AutoCloseable {

	private final FileChannel channel;

	private final FileLock lock;

	private DataDirLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * Takes the data dir for this process.
	 * @throws DurableDbException if another process (or another application context in
	 * this one) holds it, naming the holder
	 */
	public static DataDirLock acquire(Path dataDir) {
		Path file = dataDir.resolve(InstanceFiles.INTERNAL_FOLDER).resolve("owner.lock");
		FileChannel channel = null;
		try {
			Files.createDirectories(file.getParent());
			channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			FileLock lock = tryLock(channel);
			if (lock == null) {
				throw new DurableDbConfigurationException(
						"The data dir " + dataDir + " is in use by " + holder(file)
								+ "; one process at a time may use a data dir",
						"Stop the other one, or give this one its own durable-db.data-dir");
			}
			channel.truncate(0);
			channel.write(ByteBuffer.wrap(describeThisProcess().getBytes(StandardCharsets.UTF_8)));
			channel.force(true);
			return new DataDirLock(channel, lock);
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new DurableDbException("Could not lock the data dir " + dataDir, ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(channel);
			throw ex;
		}
	}

	@Override
	public void close() {
		try {
			this.lock.release();
		}
		catch (IOException ex) {
			// Closing the channel releases it too.
		}
		closeQuietly(this.channel);
	}

	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
	}

	private static String holder(Path file) {
		try {
			String holder = Files.readString(file).strip();
			return holder.isEmpty() ? "another process" : holder;
		}
		catch (IOException ex) {
			return "another process";
		}
	}

	private static String describeThisProcess() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			host = "this host";
		}
		return "process " + ProcessHandle.current().pid() + " on " + host + " since " + Instant.now() + "\n";
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// Nothing left to release.
			}
		}
	}

}
