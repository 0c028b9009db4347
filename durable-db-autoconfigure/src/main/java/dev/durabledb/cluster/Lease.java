package dev.durabledb.cluster;

import java.time.Instant;

import dev.durabledb.instance.InstanceKey;
import org.jspecify.annotations.Nullable;

/**
 * A row of the lease table as the database answered it. Its times are the database's, and
 * whether it is live was judged by the database's clock when it answered.
 *
 * @param key the instance file the lease is on
 * @param owner id of the node that holds it; {@code null} once released
 * @param ownerUrl base URL the owner is reached at; {@code null} once released
 * @param epoch fencing token: grows with every acquisition, never reused
 * @param acquiredAt when the current (or last) owner acquired it
 * @param expiresAt when it expires unless renewed (when it was released, once released)
 * @param live whether it was held (owned and not expired) when the database answered
 */
public record Lease(InstanceKey key, @Nullable String owner, @Nullable String ownerUrl, long epoch,
		Instant acquiredAt, Instant expiresAt, boolean live) {
}
