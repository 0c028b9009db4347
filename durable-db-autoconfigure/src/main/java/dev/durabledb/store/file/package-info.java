/**
 * An {@link dev.durabledb.store.ObjectStore} in a folder.
 */
@NullMarked
package dev.durabledb.store.file;

import org.jspecify.annotations.NullMarked;
