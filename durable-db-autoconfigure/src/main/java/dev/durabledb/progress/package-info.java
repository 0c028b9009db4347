/**
 * Progress logs for long work: done/total, rate and time left.
 */
@NullMarked
package dev.durabledb.progress;

import org.jspecify.annotations.NullMarked;
