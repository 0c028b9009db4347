package dev.durabledb.backup;

import java.time.Instant;

/**
 * What a backup holds, stored next to its data. A backup is listed only once its
 * manifest is stored, and the manifest is stored after the data: a listed backup is
 * complete.
 *
 * @param id the backup id; ids sort by creation time
 * @param database the database of the instance
 * @param instance the instance (tenant id, or {@code global})
 * @param createdAt when the snapshot was taken
 * @param sizeBytes size of the database file
 * @param compressedBytes size of the stored, gzip-compressed data
 * @param sha256 hex SHA-256 of the stored (compressed) data
 * @param schemaFingerprint changelog fingerprint the instance was migrated to
 * @param reason why it was taken: {@code scheduled}, {@code manual}, {@code pre-migration},
 * {@code pre-restore} or {@code pre-delete}
 * @param changeMarker the instance's change marker in the backup: an instance whose
 * marker still equals it has not changed since
 */
public record BackupManifest(String id, String database, String instance, Instant createdAt, long sizeBytes,
		long compressedBytes, String sha256, String schemaFingerprint, String reason, String changeMarker) {
}
