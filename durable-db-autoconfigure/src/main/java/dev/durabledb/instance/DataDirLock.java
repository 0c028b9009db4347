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
import java.time.Duration;
import java.time.Instant;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.DurableDbException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * One process at a time per data dir: an operating-system lock on
 * {@code <data-dir>/.durable-db/owner.lock}, which also names its holder. Two processes
 * writing one file through two single-writer runtimes would lose writes, and knowing that
 * no one else can touch the files is what lets the starter treat what it finds at startup
 * (a Liquibase lock, a half-done operation) as left by a crash. The operating system
 * releases the lock when the process dies, however it dies.
 */
public final class DataDirLock implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DataDirLock.class);

	/** How often a waiting process tries the lock again. */
	private static final Duration POLL = Duration.ofMillis(250);

	private final FileChannel channel;

	private final FileLock lock;

	private DataDirLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * Takes the data dir for this process, waiting up to {@code wait} for another process
	 * to give it up (a rolling restart on one host); at once if {@code wait} is zero.
	 * @throws DurableDbConfigurationException if another process (or another application
	 * context in this one) still holds it, naming the holder
	 */
	public static DataDirLock acquire(Path dataDir, Duration wait) {
		try {
			return acquire(dataDir);
		}
		catch (DataDirInUseException ex) {
			if (wait.isZero()) {
				throw ex;
			}
			logger.info("{}; waiting up to {} for it", ex.getDescription(), wait);
		}
		RetryTemplate retry = new RetryTemplate(RetryPolicy.builder()
			.includes(DataDirInUseException.class)
			.delay(POLL)
			.multiplier(1)
			.maxRetries(Math.max(1, wait.toMillis() / POLL.toMillis()))
			.build());
		try {
			return retry.execute(() -> acquire(dataDir));
		}
		catch (RetryException ex) {
			if (ex.getCause() instanceof DataDirInUseException inUse) {
				throw new DataDirInUseException(inUse.getDescription() + " (waited " + wait + ")");
			}
			throw new DurableDbException("Could not lock the data dir " + dataDir, ex);
		}
	}

	/**
	 * Takes the data dir for this process.
	 * @throws DurableDbConfigurationException if another process (or another application
	 * context in this one) holds it, naming the holder
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
				throw new DataDirInUseException("The data dir " + dataDir + " is in use by " + holder(file)
						+ "; one process at a time may use a data dir");
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

	/** Another process holds the data dir. */
	private static final class DataDirInUseException extends DurableDbConfigurationException {

		DataDirInUseException(String description) {
			super(description, "Stop the other one, give this one its own durable-db.data-dir, or let it wait"
					+ " (durable-db.instances.data-dir-wait)");
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
