package dev.durabledb.backup;

import org.jspecify.annotations.Nullable;

/**
 * What a restore from a staged file did.
 *
 * @param <T> what the caller's work returned while the instance was quiesced
 * @param value that value
 * @param preRestoreBackup the id of the backup of what the instance held before, or
 * {@code null} when there was no instance (or it could not be stored; the log says where
 * the file is kept)
 */
public record StagedRestore<T>(@Nullable T value, @Nullable String preRestoreBackup) {
}
