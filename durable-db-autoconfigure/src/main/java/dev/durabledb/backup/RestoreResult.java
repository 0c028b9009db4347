package dev.durabledb.backup;

import org.jspecify.annotations.Nullable;

/**
 * What a restore did.
 *
 * @param restored the backup the instance now holds
 * @param preRestoreBackup the id of the backup of what it held before, or {@code null}
 * when there was no instance
 * @param undoBookmark the bookmark that undoes the restore, with replication on;
 * {@code null} otherwise
 */
public record RestoreResult(BackupManifest restored, @Nullable String preRestoreBackup,
		@Nullable String undoBookmark) {
}
