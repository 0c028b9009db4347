/**
 * A multi-tenant sample application that uses every feature of durable-db.
 */
@NullMarked
package dev.durabledb.demo;

import org.jspecify.annotations.NullMarked;
