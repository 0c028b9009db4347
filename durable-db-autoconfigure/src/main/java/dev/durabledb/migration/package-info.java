/**
 * Migrations: every instance kept at its database's Liquibase changelog, by fingerprint,
 * from templates, and under the guard of a snapshot that is restored when a migration
 * fails; and dry-runs on copies that tell beforehand which instances a changelog would
 * fail on.
 */
@NullMarked
package dev.durabledb.migration;

import org.jspecify.annotations.NullMarked;
