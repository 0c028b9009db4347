/**
 * The developer console: a web page, served by the application during development, that
 * looks into one tenant's database at a time (schema, table pages, queries, bookmarks).
 */
@NullMarked
package dev.durabledb.console;

import org.jspecify.annotations.NullMarked;
