package dev.durabledb.actuate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.durabledb.backup.BackupSweep;
import dev.durabledb.backup.BackupSweepResult;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.migration.SchemaInspector;
import dev.durabledb.migration.SchemaMigrations;
import dev.durabledb.replication.Bookmarks;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of durable-db: the data dir is writable, no instance is stuck in a failed
 * migration (its attempts ran out, so it fails on every access until fixed), and, when
 * backups are scheduled, the last run had no failures and is not older than allowed; when
 * replication is on, no commit waits for the store longer than its lag threshold.
 */
class DurableDbHealthIndicator extends AbstractHealthIndicator {

	private static final int MAX_LISTED = 20;

	private final Path dataDir;

	private final long freeSpaceThreshold;

	private final SchemaMigrations migrations;

	private final SchemaInspector inspector;

	private final @Nullable BackupSweep backups;

	private final @Nullable Duration staleAfter;

	private final @Nullable Bookmarks replication;

	private final Duration lagThreshold;

	private final Clock clock;

	private final Instant startedAt;

	/**
	 * @param backups the backup runner, when backups are scheduled; {@code null} otherwise
	 * @param staleAfter how old the last successful scheduled run may get; {@code null}
	 * not to check
	 * @param replication the bookmarks, when replication is on; {@code null} otherwise
	 * @param lagThreshold how long a commit may wait for the store
	 */
	DurableDbHealthIndicator(Path dataDir, long freeSpaceThreshold, SchemaMigrations migrations,
			SchemaInspector inspector, @Nullable BackupSweep backups, @Nullable Duration staleAfter,
			@Nullable Bookmarks replication, Duration lagThreshold, Clock clock) {
		super("durable-db health check failed");
		this.dataDir = dataDir;
		this.freeSpaceThreshold = freeSpaceThreshold;
		this.migrations = migrations;
		this.inspector = inspector;
		this.backups = backups;
		this.staleAfter = staleAfter;
		this.replication = replication;
		this.lagThreshold = lagThreshold;
		this.clock = clock;
		this.startedAt = clock.instant();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		boolean writable = Files.isDirectory(this.dataDir) && Files.isWritable(this.dataDir);
		long free = writable ? Files.getFileStore(this.dataDir).getUsableSpace() : 0;
		boolean enoughSpace = free >= this.freeSpaceThreshold;
		List<String> stuck = this.migrations.failingInstances()
			.stream()
			.filter(this::isStuck)
			.map(InstanceKey::toString)
			.sorted()
			.toList();
		builder.withDetail("dataDirWritable", writable)
			.withDetail("freeSpace", free)
			.withDetail("freeSpaceThreshold", this.freeSpaceThreshold)
			.withDetail("failedMigrations", stuck.size());
		if (!stuck.isEmpty()) {
			builder.withDetail("failedInstances", stuck.subList(0, Math.min(MAX_LISTED, stuck.size())));
		}
		boolean backupsHealthy = checkBackups(builder);
		boolean replicationHealthy = checkReplication(builder);
		if (writable && enoughSpace && stuck.isEmpty() && backupsHealthy && replicationHealthy) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	/** The last scheduled run must have had no failures and, if asked, be recent enough. */
	private boolean checkBackups(Health.Builder builder) {
		if (this.backups == null) {
			return true;
		}
		BackupSweepResult last = this.backups.lastScheduledRun();
		Map<String, Object> details = new LinkedHashMap<>();
		boolean healthy = true;
		if (last != null) {
			details.put("lastRun", last.startedAt().toString());
			details.put("lastRunBackedUp", last.backedUp());
			details.put("lastRunFailed", last.failed());
			if (last.failed() > 0) {
				details.put("failures", last.failures());
				healthy = false;
			}
		}
		if (this.staleAfter != null) {
			Instant since = (last != null && last.failed() == 0) ? last.startedAt() : this.startedAt;
			boolean stale = since.plus(this.staleAfter).isBefore(this.clock.instant());
			details.put("stale", stale);
			healthy &= !stale;
		}
		builder.withDetail("backups", details);
		return healthy;
	}

	/** No commit may wait for the store longer than the lag threshold. */
	private boolean checkReplication(Health.Builder builder) {
		if (this.replication == null) {
			return true;
		}
		Duration lag = this.replication.lag();
		boolean healthy = lag.compareTo(this.lagThreshold) <= 0;
		builder.withDetail("replication",
				Map.of("lag", lag.toString(), "lagThreshold", this.lagThreshold.toString(), "lagging", !healthy));
		return healthy;
	}

	private boolean isStuck(InstanceKey key) {
		try {
			return this.inspector.status(key).failed();
		}
		catch (SQLException | RuntimeException ex) {
			return true;
		}
	}

}
