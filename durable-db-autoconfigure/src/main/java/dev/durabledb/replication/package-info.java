/**
 * Continuous replication and point-in-time restore. {@code WalReader} reads SQLite's
 * write-ahead log as it stands on disk (from a {@code WalCursor} on), validated the way
 * SQLite recovers it; a {@code Shipper} turns what a log gained into the next
 * {@code Segment} of the instance's generation; each instance's {@code ReplicatedInstance}
 * begins generations, ships, checkpoints and records clean closes, and the
 * {@code Replicator} schedules its rounds and holds writers for the acknowledgement
 * ({@code GroupCommit}). A {@code Replica} keeps snapshots and segments in an
 * {@code ObjectStore} and rebuilds the instance as it was after any {@code Bookmark}ed
 * commit, with {@code FrameWriter} putting frames back as a checkpoint does.
 * {@link dev.durabledb.replication.Bookmarks} is the facade (current, at, restore, fork);
 * {@link dev.durabledb.replication.Recovery} rebuilds a lost data dir from the store.
 */
@NullMarked
package dev.durabledb.replication;

import org.jspecify.annotations.NullMarked;
