/**
 * Getting data out: SQL exports of one instance, archives of every instance of a
 * database, and the command that loads an archive into a local data dir.
 */
@NullMarked
package dev.durabledb.export;

import org.jspecify.annotations.NullMarked;
