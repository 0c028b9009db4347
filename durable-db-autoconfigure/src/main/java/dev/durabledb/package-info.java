/**
 * durable-db: one SQLite database per tenant for Spring Boot applications. This package holds
 * what every feature shares: the configuration properties and the base exception.
 */
@NullMarked
package dev.durabledb;

import org.jspecify.annotations.NullMarked;
