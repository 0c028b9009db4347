/**
 * The store SPI: {@link dev.durabledb.store.ObjectStore}, where what must outlive the
 * machine is kept; implementations only move bytes.
 */
@NullMarked
package dev.durabledb.store;

import org.jspecify.annotations.NullMarked;
