package dev.durabledb.migration;

import liquibase.changelog.ChangeSet;

/**
 * What identifies a changeset in Liquibase's {@code DATABASECHANGELOG} table.
 *
 * @param id the changeset id
 * @param author its author
 * @param file the changelog file that holds it, as Liquibase records it (relative to the
 * class path, or to the folder of a {@code file:} changelog)
 */
public record ChangeSetId(String id, String author, String file) {

	static ChangeSetId of(ChangeSet changeSet) {
		return new ChangeSetId(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath());
	}

	/** {@code file::id::author}, as Liquibase writes a changeset's name. */
	@Override
	public String toString() {
		return this.file + "::" + this.id + "::" + this.author;
	}

}
