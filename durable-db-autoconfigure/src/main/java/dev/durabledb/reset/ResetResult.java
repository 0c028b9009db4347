package dev.durabledb.reset;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a dev reset did to one database.
 *
 * @param database the database
 * @param asideFolder where the old files were set aside, relative to the database's
 * folder ({@code .durable-db/reset/<when>}); {@code null} if there was nothing to reset
 * @param instances the instances reset, by id
 */
public record ResetResult(String database, @Nullable String asideFolder, List<InstanceReset> instances) {

	public ResetResult {
		instances = List.copyOf(instances);
	}

	/**
	 * One instance reset.
	 *
	 * @param id the tenant id, or {@code global}
	 * @param undoBookmark with replication on, the bookmark of the instance just before the
	 * reset (restore it to undo the reset); {@code null} otherwise
	 */
	public record InstanceReset(String id, @Nullable String undoBookmark) {
	}

}
