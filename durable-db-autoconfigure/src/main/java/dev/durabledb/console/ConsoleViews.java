package dev.durabledb.console;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** What the console's page is told, as JSON. */
final class ConsoleViews {

	private ConsoleViews() {
	}

	/**
	 * What the page needs to know first.
	 * @param databases every database: name and instance strategy
	 * @param writable whether writes and restores are allowed
	 * @param pageSize rows per page
	 */
	record Overview(List<Database> databases, boolean writable, int pageSize) {
	}

	/** A database and its instance strategy ({@code per-tenant} or {@code global}). */
	record Database(String name, String instance) {
	}

	/**
	 * One page of the instances of a database whose id contains {@code search}.
	 * @param total how many match
	 */
	record Instances(String database, String search, int total, int page, int pageSize, List<String> ids) {
	}

	/**
	 * One instance.
	 * @param bookmark its current bookmark; none when replication is off
	 */
	record Instance(String database, String id, long sizeBytes, boolean replicated, @Nullable String bookmark) {
	}

	/**
	 * The bookmark a restore to a time would go to, and the bookmark that would undo it.
	 * @param bookmark the last commit at or before the time; none if the history begins later
	 */
	record RestorePreview(String at, @Nullable String bookmark, String undoBookmark) {
	}

	/** A restore done: where the instance is now and how to go back. */
	record Restored(String restoredTo, String undoBookmark) {
	}

}
