package dev.durabledb.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one run over many instances did.
 *
 * @param startedAt when it started
 * @param duration how long it took
 * @param backedUp backups taken
 * @param skipped instances unchanged since their last backup
 * @param failed instances whose backup failed after every retry
 * @param failures the first few failures, as {@code instance: reason}
 * @param backupIds ids of the backups taken, for a run on request
 */
public record BackupSweepResult(Instant startedAt, Duration duration, int backedUp, int skipped, int failed,
		List<String> failures, List<String> backupIds) {
}
