package dev.durabledb.backup;

import dev.durabledb.instance.InstanceKey;
import org.jspecify.annotations.Nullable;

/**
 * Marks, while a restore holds the instance closed, the point that undoes the restore:
 * with replication on, the bookmark of the instance as it stands.
 */
@FunctionalInterface
public interface UndoPoints {

	/** Marks nothing. */
	UndoPoints NONE = (key) -> null;

	/**
	 * The point the instance can be put back to, as it is now; {@code null} if there is
	 * none. Called with the instance closed and held, just before a restore swaps its file.
	 */
	@Nullable String mark(InstanceKey key) throws Exception;

}
