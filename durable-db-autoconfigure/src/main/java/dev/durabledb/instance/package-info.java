/**
 * Instances: the file of each tenant of each database, opened, cached and closed by the
 * {@link dev.durabledb.instance.InstanceRegistry}, and entered only through
 * {@link dev.durabledb.instance.InstanceTransactions} (single writer, readers on
 * snapshots).
 */
@NullMarked
package dev.durabledb.instance;

import org.jspecify.annotations.NullMarked;
