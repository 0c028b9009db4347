/**
 * Statistics kept in the global {@code analytics} database.
 */
@NullMarked
package dev.durabledb.demo.stats;

import org.jspecify.annotations.NullMarked;
