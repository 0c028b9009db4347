package dev.durabledb.actuate;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.durabledb.instance.InstanceKey;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.replication.ReplicationStatus;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint's point-in-time operations on one instance: {@code bookmark} (the current
 * one, or the one at a time), {@code restore} to a bookmark or a time, {@code fork} a
 * bookmark into a new tenant. Each answers a JSON object; bad input is a 400 problem.
 */
final class BookmarkOperations {

	private final @Nullable Bookmarks bookmarks;

	BookmarkOperations(@Nullable Bookmarks bookmarks) {
		this.bookmarks = bookmarks;
	}

	/** {@code {"bookmark": ...}}: the current one, or the last at or before {@code at}. */
	Map<String, Object> bookmark(InstanceKey key, @Nullable String at) {
		String bookmark = (at != null) ? at(key, at) : bookmarks().current(key);
		return body("bookmark", key, Map.of("bookmark", bookmark));
	}

	/** {@code {"restoredTo": ..., "undoBookmark": ...}}: to {@code bookmark}, or to the one at {@code at}. */
	Map<String, Object> restore(InstanceKey key, @Nullable String bookmark, @Nullable String at) {
		String target = (bookmark != null) ? bookmark : at(key, at);
		String undo = restoreTo(key, target);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("restoredTo", target);
		result.put("undoBookmark", undo);
		return body("restore", key, result);
	}

	/** {@code {"bookmark": ..., "into": ...}}: the new tenant holds the instance as at the bookmark. */
	Map<String, Object> fork(InstanceKey key, @Nullable String bookmark, @Nullable String into) {
		String source = EndpointProblem.required(bookmark, "Operation 'fork' needs \"bookmark\"");
		String target = EndpointProblem.required(into, "Operation 'fork' needs \"into\", the new tenant's id");
		try {
			bookmarks().fork(key, source, target);
		}
		catch (IllegalArgumentException ex) {
			throw EndpointProblem.badRequest(ex.getMessage());
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("bookmark", source);
		result.put("into", target);
		return body("fork", key, result);
	}

	/** The instance's replication, or {@code null} while replication is off. */
	@Nullable ReplicationStatus status(InstanceKey key) {
		return (this.bookmarks != null) ? this.bookmarks.status(key) : null;
	}

	private String restoreTo(InstanceKey key, String bookmark) {
		try {
			return bookmarks().restore(key, bookmark);
		}
		catch (IllegalArgumentException ex) {
			throw EndpointProblem.badRequest(ex.getMessage());
		}
	}

	private String at(InstanceKey key, @Nullable String at) {
		Instant instant;
		try {
			instant = Instant.parse(EndpointProblem.required(at, "Operation needs \"bookmark\" or \"at\", an ISO-8601 instant"));
		}
		catch (DateTimeParseException ex) {
			throw EndpointProblem.badRequest("\"at\" must be an ISO-8601 instant such as 2026-12-01T09:00:00Z, not '"
					+ at + "'");
		}
		return bookmarks().at(key, instant)
			.orElseThrow(() -> EndpointProblem.notFound("Instance '" + key + "' has no commit at or before " + instant
					+ " in the store"));
	}

	private Bookmarks bookmarks() {
		if (this.bookmarks == null) {
			throw EndpointProblem.badRequest("Bookmarks need replication (durable-db.replication.enabled=true)");
		}
		return this.bookmarks;
	}

	private static Map<String, Object> body(String operation, InstanceKey key, Map<String, Object> result) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("operation", operation);
		body.put("database", key.database());
		body.put("instance", key.instance());
		body.putAll(result);
		return body;
	}

}
