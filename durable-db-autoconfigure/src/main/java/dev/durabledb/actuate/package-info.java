/**
 * The {@code durabledb} and {@code durabledbarchive} actuator endpoints and the
 * {@code durableDb} health indicator.
 */
@NullMarked
package dev.durabledb.actuate;

import org.jspecify.annotations.NullMarked;
