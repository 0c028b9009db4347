/**
 * File I/O the starter relies on for durability: atomic publication by rename and
 * output that is synced as it is written.
 */
@NullMarked
package dev.durabledb.io;

import org.jspecify.annotations.NullMarked;
