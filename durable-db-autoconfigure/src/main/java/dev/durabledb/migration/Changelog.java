package dev.durabledb.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import liquibase.ChecksumVersion;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;

/**
 * A database's Liquibase changelog, parsed once per process: its changesets and a
 * fingerprint of all of them (ids, authors, files and checksums, includes followed). An
 * instance migrated to the same fingerprint needs no Liquibase run at all.
 *
 * @param location the changelog's path on the classpath
 * @param fingerprint hex SHA-256 over every changeset
 * @param changeSets the changesets, in the order Liquibase applies them
 */
record Changelog(String location, String fingerprint, List<ChangeSetId> changeSets) {

	/** Parses the changelog at {@code location} and computes its fingerprint. */
	static Changelog load(String location, LiquibaseRunner liquibase) {
		DatabaseChangeLog parsed = liquibase.inScope((accessor) -> parse(location, accessor));
		MessageDigest digest = sha256();
		List<ChangeSetId> changeSets = parsed.getChangeSets().stream().map((changeSet) -> {
			ChangeSetId id = ChangeSetId.of(changeSet);
			String checksum = changeSet.generateCheckSum(ChecksumVersion.latest()).toString();
			digest.update((id + "\u0000" + checksum + "\n").getBytes(StandardCharsets.UTF_8));
			return id;
		}).toList();
		return new Changelog(location, HexFormat.of().formatHex(digest.digest()), changeSets);
	}

	/** The first 16 hex digits of the fingerprint, enough to name a template file. */
	public String shortFingerprint() {
		return this.fingerprint.substring(0, 16);
	}

	private static DatabaseChangeLog parse(String location, ResourceAccessor accessor) throws Exception {
		return ChangeLogParserFactory.getInstance()
			.getParser(location, accessor)
			.parse(location, new ChangeLogParameters(), accessor);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What identifies a changeset in Liquibase's {@code DATABASECHANGELOG} table.
	 *
	 * @param id the changeset id
	 * @param author its author
	 * @param file the changelog file that holds it
	 */
	public record ChangeSetId(String id, String author, String file) {

		static ChangeSetId of(ChangeSet changeSet) {
			return new ChangeSetId(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath());
		}

		@Override
		public String toString() {
			return this.file + "::" + this.id + "::" + this.author;
		}

	}

}
