package dev.durabledb.replication;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where an instance's replication stands, as this process and the store know it.
 *
 * @param generation the generation its commits go to; {@code null} until its first round
 * in this process
 * @param bookmark the bookmark of its last commit in the store, as this process shipped it
 * @param lastCommitAt when its last commit in this process committed; {@code null} if none
 * @param lastShippedAt when its last round put something in the store
 * @param pendingSince when the oldest commit not yet shipped committed; {@code null} when
 * everything is shipped
 * @param lag how long that commit has waited for the store; zero when everything is shipped
 * @param failing whether its last round failed (the store did not answer)
 * @param oldestRestorable when its oldest generation in the store began: bookmarks reach
 * back that far
 */
public record ReplicationStatus(@Nullable String generation, @Nullable String bookmark,
		@Nullable Instant lastCommitAt, @Nullable Instant lastShippedAt, @Nullable Instant pendingSince, Duration lag,
		boolean failing, @Nullable Instant oldestRestorable) {
}
