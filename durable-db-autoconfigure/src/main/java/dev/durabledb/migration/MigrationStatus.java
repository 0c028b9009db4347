package dev.durabledb.migration;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where an instance stands with its changelog.
 *
 * @param fingerprint the changelog fingerprint the instance was last migrated to
 * @param upToDate whether that is the fingerprint of the deployed changelog
 * @param appliedChangeSets how many changesets Liquibase recorded as applied
 * @param pendingChangeSets the changesets of the deployed changelog not applied yet
 * @param attempts consecutive failed attempts at the deployed changelog
 * @param lastError what the last failed attempt reported
 * @param lastErrorAt when it failed
 * @param snapshotAvailable whether a pre-migration snapshot is kept for the instance
 * @param restoresRemaining how many more failed attempts will restore the snapshot
 * before the instance stays failed
 * @param failed whether the attempts ran out: every access fails until a fixed
 * changelog or an operator's retry
 * @param nextMigration how the pending changesets will be applied: {@code replay: ...}
 * (the template's recorded steps, in one transaction) or {@code liquibase: <why>};
 * {@code null} when the instance is up to date
 */
public record MigrationStatus(@Nullable String fingerprint, boolean upToDate, int appliedChangeSets,
		List<String> pendingChangeSets, int attempts, @Nullable String lastError, @Nullable Instant lastErrorAt,
		boolean snapshotAvailable, int restoresRemaining, boolean failed, @Nullable String nextMigration) {
}
