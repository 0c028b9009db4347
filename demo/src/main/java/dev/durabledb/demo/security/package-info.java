/**
 * Security of the demo: HTTP Basic for the operator endpoints.
 */
@NullMarked
package dev.durabledb.demo.security;

import org.jspecify.annotations.NullMarked;
