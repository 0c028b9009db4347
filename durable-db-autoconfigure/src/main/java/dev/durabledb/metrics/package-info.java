/**
 * Micrometer meters of actions, instances, migrations, backups, restores, replication and
 * (in cluster mode) leases.
 */
@NullMarked
package dev.durabledb.metrics;

import org.jspecify.annotations.NullMarked;
