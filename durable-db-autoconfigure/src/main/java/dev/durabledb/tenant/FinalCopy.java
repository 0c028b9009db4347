package dev.durabledb.tenant;

import java.nio.file.Path;

import dev.durabledb.instance.InstanceKey;

/**
 * Keeps a final copy of an instance that is about to be deleted. With backups on, it is
 * a {@code pre-delete} backup; without, the file moves to the database's hidden
 * {@code deleted} folder.
 */
@FunctionalInterface
public interface FinalCopy {

	/**
	 * Keeps a copy of {@code file}; called with the instance closed, before the file is
	 * removed. Throwing stops the deletion.
	 */
	void keep(InstanceKey key, Path file) throws Exception;

}
