package dev.durabledb.backup;

import java.util.List;

/**
 * The backups of one instance as the store holds them.
 *
 * @param backups its backups, newest first
 * @param unreadable the keys of manifests in its folder that are not backups of it
 * (unreadable, or naming another instance), skipped
 */
public record BackupListing(List<BackupManifest> backups, List<String> unreadable) {
}
