/**
 * The {@code durabledb}, {@code durabledbarchive} and {@code durabledbcluster} actuator
 * endpoints and the {@code durableDb} and {@code durableDbCluster} health indicators.
 */
@NullMarked
package dev.durabledb.actuate;

import org.jspecify.annotations.NullMarked;
