package dev.durabledb.migration;

import java.sql.Connection;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;

/**
 * Liquibase failed on a file: which changeset it stopped at (the first one of the
 * changelog that the file does not record as applied) and the error at the root of it,
 * both short enough for one log line.
 */
final class ChangeSetFailure extends Exception {

	private final @Nullable ChangeSetId changeSet;

	private final String error;

	private ChangeSetFailure(@Nullable ChangeSetId changeSet, String error, Throwable cause) {
		super((changeSet != null) ? "changeset " + changeSet + " failed: " + error : error, cause);
		this.changeSet = changeSet;
		this.error = error;
	}

	/** Reads from {@code connection}, still open on the file Liquibase failed on, where it stopped. */
	static ChangeSetFailure of(Changelog changelog, Connection connection, Throwable cause) {
		ChangeSetId failed;
		try {
			failed = changelog.firstPending(AppliedChangeSets.read(connection));
		}
		catch (java.sql.SQLException ex) {
			cause.addSuppressed(ex);
			failed = null;
		}
		return new ChangeSetFailure(failed, rootError(cause), cause);
	}

	/** The changeset Liquibase stopped at, as {@code file::id::author}; null if unknown. */
	@Nullable String changeSet() {
		return (this.changeSet != null) ? this.changeSet.toString() : null;
	}

	/** The changeset Liquibase stopped at; null if unknown. */
	@Nullable ChangeSetId changeSetId() {
		return this.changeSet;
	}

	/** The error at the root of the failure: the SQL error, typically. */
	String error() {
		return this.error;
	}

	static String rootError(Throwable failure) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + message.strip() : "");
	}

}
