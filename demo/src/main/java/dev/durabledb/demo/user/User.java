package dev.durabledb.demo.user;

import java.time.Instant;

/** A user of one tenant. */
public record User(long id, String name, String email, Instant createdAt) {
}
