/**
 * The benchmarks: durable-db against raw JDBC in the same run, reported as ratios.
 */
@NullMarked
package dev.durabledb.benchmarks;

import org.jspecify.annotations.NullMarked;
