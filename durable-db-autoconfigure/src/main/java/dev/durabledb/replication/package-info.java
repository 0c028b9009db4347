/**
 * Log shipping (in progress, not wired yet): reading SQLite's write-ahead log as it
 * stands on disk, frame by frame, validated the way SQLite validates it, and putting
 * frames back into a database file to reach an exact commit.
 */
@NullMarked
package dev.durabledb.replication;

import org.jspecify.annotations.NullMarked;
