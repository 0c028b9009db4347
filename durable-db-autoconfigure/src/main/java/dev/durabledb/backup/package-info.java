/**
 * Backups and restore: consistent snapshots of instances kept in an
 * {@link dev.durabledb.store.ObjectStore} with manifests, retries and retention, scheduled
 * backups, and restores that never leave an instance half-restored.
 */
@NullMarked
package dev.durabledb.backup;

import org.jspecify.annotations.NullMarked;
