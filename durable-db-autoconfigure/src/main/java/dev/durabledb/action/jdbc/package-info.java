/**
 * The JDBC objects code sees inside an action: a connection whose lifecycle the action
 * owns, the statements it lends from its cache, and a {@code DataSource} that only ever
 * hands out the current action's connection.
 */
@NullMarked
package dev.durabledb.action.jdbc;

import org.jspecify.annotations.NullMarked;
