package dev.durabledb.console;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.tenant.TenantIdPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * The instances the console can look into: listed by search and page from the folder
 * (never by opening them), and, with replication, their bookmarks and restores to a time.
 */
final class ConsoleInstances {

	private static final Log logger = LogFactory.getLog("dev.durabledb.console");

	private final DatabaseCatalog catalog;

	private final InstanceFiles files;

	private final TenantIdPolicy tenantIds;

	private final @Nullable Bookmarks bookmarks;

	private final boolean allowWrites;

	ConsoleInstances(DatabaseCatalog catalog, InstanceFiles files, TenantIdPolicy tenantIds,
			@Nullable Bookmarks bookmarks, boolean allowWrites) {
		this.catalog = catalog;
		this.files = files;
		this.tenantIds = tenantIds;
		this.bookmarks = bookmarks;
		this.allowWrites = allowWrites;
	}

	List<ConsoleViews.Database> databases() {
		return this.catalog.all()
			.stream()
			.map((database) -> new ConsoleViews.Database(database.name(), database.isPerTenant() ? "per-tenant" : "global"))
			.toList();
	}

	/** Page {@code page} of the ids of {@code database} holding {@code search}, ignoring case. */
	ConsoleViews.Instances page(String database, String search, int page, int pageSize) {
		DatabaseDefinition definition = this.catalog.get(database);
		String needle = search.toLowerCase(Locale.ROOT);
		List<String> matching = this.files.existing(definition)
			.stream()
			.filter((id) -> needle.isEmpty() || id.toLowerCase(Locale.ROOT).contains(needle))
			.toList();
		int from = (int) Math.min(matching.size(), (long) page * pageSize);
		int to = Math.min(matching.size(), from + pageSize);
		return new ConsoleViews.Instances(database, search, matching.size(), page, pageSize,
				matching.subList(from, to));
	}

	/**
	 * The key of an existing instance; never creates one, whatever {@code auto-create} says.
	 * @throws InstanceNotFoundException if it does not exist
	 */
	InstanceKey existing(String database, String id) {
		InstanceKey key = this.tenantIds.instanceKey(this.catalog.get(database), id);
		if (!this.files.exists(key)) {
			throw new InstanceNotFoundException(key);
		}
		return key;
	}

	ConsoleViews.Instance describe(InstanceKey key) {
		String bookmark = (this.bookmarks != null) ? this.bookmarks.current(key) : null;
		return new ConsoleViews.Instance(key.database(), key.instance(), this.files.size(key), this.bookmarks != null,
				bookmark);
	}

	ConsoleViews.RestorePreview previewRestore(InstanceKey key, String at) {
		Bookmarks history = history();
		return new ConsoleViews.RestorePreview(at, history.at(key, instant(at)).orElse(null), history.current(key));
	}

	ConsoleViews.Restored restore(InstanceKey key, String at) {
		if (!this.allowWrites) {
			throw new ConsoleException(HttpStatus.FORBIDDEN,
					"The console is read-only; set durable-db.console.allow-writes=true to restore from it");
		}
		Bookmarks history = history();
		String bookmark = history.at(key, instant(at))
			.orElseThrow(() -> new ConsoleException(HttpStatus.BAD_REQUEST,
					"The history of '" + key + "' in the store begins after " + at));
		String undo = history.restore(key, bookmark);
		logger.info("Console restored '" + key + "' to " + bookmark + " (" + at + "); undo bookmark " + undo);
		return new ConsoleViews.Restored(bookmark, undo);
	}

	private Bookmarks history() {
		if (this.bookmarks == null) {
			throw new ConsoleException(HttpStatus.CONFLICT,
					"Replication is off, so there are no bookmarks to restore to");
		}
		return this.bookmarks;
	}

	private static Instant instant(String at) {
		try {
			return Instant.parse(at);
		}
		catch (DateTimeParseException ex) {
			throw new ConsoleException(HttpStatus.BAD_REQUEST,
					"'" + at + "' is not a time; expected an ISO-8601 instant such as 2026-12-01T09:00:00Z");
		}
	}

}
