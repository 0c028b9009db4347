package dev.durabledb.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.io.AtomicFiles;
import dev.durabledb.sqlite.SqliteConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQL exports, started and then polled (like Cloudflare D1's export API): {@link #start}
 * returns a job at once; the dump is written on a background thread from one read
 * transaction, so it is consistent while the instance keeps serving; {@link #find} tells
 * how it stands, and the finished dump is a file in the database's hidden
 * {@code exports} folder. The newest jobs are remembered, the oldest forgotten with
 * their files.
 */
final class ExportJobs implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ExportJobs.class);

	private static final int REMEMBERED = 50;

	private final InstanceFiles files;

	private final SqliteConnections connections;

	private final Clock clock;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "durable-db-export");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, ExportJob> jobs = new LinkedHashMap<>();

	ExportJobs(InstanceFiles files, SqliteConnections connections, Clock clock) {
		this.files = files;
		this.connections = connections;
		this.clock = clock;
	}

	/**
	 * Starts exporting an existing instance.
	 * @throws InstanceNotFoundException if it does not exist
	 */
	ExportJob start(InstanceKey key) {
		Path file = this.files.file(key);
		if (!Files.isRegularFile(file)) {
			throw new InstanceNotFoundException(key);
		}
		String id = UUID.randomUUID().toString();
		Path target = this.files.internalDir(key.database(), "exports").resolve(id + ".sql");
		ExportJob job = ExportJob.running(id, key, this.clock.instant(), target);
		remember(job);
		this.executor.execute(() -> run(job, file));
		return job;
	}

	/** The job with that id, if it is remembered. */
	synchronized Optional<ExportJob> find(String id) {
		return Optional.ofNullable(this.jobs.get(id));
	}

	private void run(ExportJob job, Path file) {
		Path temporary = AtomicFiles.temporarySibling(job.file());
		try (Connection connection = this.connections.openReader(file)) {
			// One read transaction for the whole dump: one consistent state.
			connection.setAutoCommit(false);
			try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
				SqlDump.write(connection, out);
			}
			finally {
				connection.rollback();
			}
			AtomicFiles.publish(temporary, job.file());
			update(job.done(Files.size(job.file()), this.clock.instant()));
		}
		catch (IOException | SQLException | RuntimeException ex) {
			logger.atWarn()
				.addKeyValue("database", job.key().database())
				.addKeyValue("instance", job.key().instance())
				.addKeyValue("export", job.id())
				.setCause(ex)
				.log("Export {} of '{}' failed", job.id(), job.key());
			update(job.failed(ex.getClass().getSimpleName(), this.clock.instant()));
		}
		finally {
			try {
				Files.deleteIfExists(temporary);
			}
			catch (IOException ex) {
				// A leftover temporary file in the hidden folder is harmless.
			}
		}
	}

	private synchronized void remember(ExportJob job) {
		this.jobs.put(job.id(), job);
		while (this.jobs.size() > REMEMBERED) {
			ExportJob oldest = this.jobs.values().iterator().next();
			this.jobs.remove(oldest.id());
			try {
				Files.deleteIfExists(oldest.file());
			}
			catch (IOException ex) {
				logger.debug("Could not delete old export {}", oldest.id(), ex);
			}
		}
	}

	private synchronized void update(ExportJob job) {
		this.jobs.replace(job.id(), job);
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
