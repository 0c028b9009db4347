/**
 * Micrometer meters of actions, instances, migrations, backups and restores.
 */
@NullMarked
package dev.durabledb.metrics;

import org.jspecify.annotations.NullMarked;
