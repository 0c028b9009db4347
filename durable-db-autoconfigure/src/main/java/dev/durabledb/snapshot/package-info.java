/**
 * Consistent snapshots of an instance taken while it keeps serving.
 */
@NullMarked
package dev.durabledb.snapshot;

import org.jspecify.annotations.NullMarked;
