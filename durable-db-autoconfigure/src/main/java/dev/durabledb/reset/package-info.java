/**
 * Dev reset: every instance of a database given a fresh, empty, migrated file while the
 * application runs, the old files kept aside until purged. Off unless
 * {@code durable-db.dev.reset=true}; meant for development only.
 */
@NullMarked
package dev.durabledb.reset;

import org.jspecify.annotations.NullMarked;
