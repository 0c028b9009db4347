/**
 * Users, kept in each tenant's own {@code main} database.
 */
@NullMarked
package dev.durabledb.demo.user;

import org.jspecify.annotations.NullMarked;
