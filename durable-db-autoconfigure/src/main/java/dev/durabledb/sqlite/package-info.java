/**
 * The SQLite layer: connections with the starter's pragmas, prepared transaction
 * statements and statement caches, and the starter's own table inside every instance
 * file.
 */
@NullMarked
package dev.durabledb.sqlite;

import org.jspecify.annotations.NullMarked;
