package dev.durabledb.console;

import org.jspecify.annotations.Nullable;

/**
 * A table, view, index or trigger of an instance, as SQLite's schema table lists it.
 *
 * @param type {@code table}, {@code view}, {@code index} or {@code trigger}
 * @param name its name
 * @param table the table it belongs to
 * @param sql the statement that created it; none for indexes SQLite makes itself
 */
record SchemaObject(String type, String name, String table, @Nullable String sql) {
}
