/**
 * Log shipping and point-in-time rebuilds (in progress: not wired into instances yet).
 * {@code WalReader} reads SQLite's write-ahead log as it stands on disk, validated the way
 * SQLite recovers it; a {@code Shipper} turns what a log gained into the next
 * {@code Segment} of the instance's generation; a {@code Replica} keeps snapshots and
 * segments in an {@code ObjectStore} and rebuilds the instance as it was after any
 * {@code Bookmark}ed commit, with {@code FrameWriter} putting frames back as a checkpoint
 * does.
 */
@NullMarked
package dev.durabledb.replication;

import org.jspecify.annotations.NullMarked;
