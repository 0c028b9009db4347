package dev.durabledb.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.io.Sha256;
import liquibase.ChecksumVersion;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;
import org.jspecify.annotations.Nullable;

/**
 * A database's Liquibase changelog, parsed once per process: its changesets and a
 * fingerprint of all of them (ids, authors, files and checksums, includes followed). An
 * instance migrated to the same fingerprint needs no Liquibase run at all.
 *
 * @param location the changelog's location, as the database declares it
 * @param source where Liquibase reads it from
 * @param fingerprint hex SHA-256 over every changeset
 * @param changeSets the changesets, in the order Liquibase applies them
 * @param notReplayable the changesets that must take Liquibase on every instance, as
 * {@code file::id::author}, with why ({@link ReplayRules})
 */
record Changelog(String location, ChangelogSource source, String fingerprint, List<ChangeSetId> changeSets,
		Map<String, String> notReplayable) {

	/**
	 * Parses the changelog of {@code database} and computes its fingerprint.
	 * @throws DurableDbConfigurationException if it cannot be read or parsed
	 */
	static Changelog load(String database, String location, LiquibaseRunner liquibase) {
		ChangelogSource source = liquibase.source(location);
		DatabaseChangeLog parsed;
		try {
			parsed = liquibase.inScope(source, (accessor) -> parse(source.path(), accessor));
		}
		catch (RuntimeException ex) {
			throw new DurableDbConfigurationException("The changelog of database '" + database + "' (" + location
					+ ") cannot be read: " + ChangeSetFailure.rootError(ex),
					"Fix the changelog file, or point durable-db.databases." + database + ".changelog at the right one");
		}
		MessageDigest digest = Sha256.digest();
		Map<String, String> notReplayable = new LinkedHashMap<>();
		List<ChangeSetId> changeSets = parsed.getChangeSets().stream().map((changeSet) -> {
			ChangeSetId id = ChangeSetId.of(changeSet);
			String checksum = changeSet.generateCheckSum(ChecksumVersion.latest()).toString();
			digest.update((id + "\u0000" + checksum + "\n").getBytes(StandardCharsets.UTF_8));
			ReplayRules.whyNot(changeSet).ifPresent((reason) -> notReplayable.put(id.toString(), reason));
			return id;
		}).toList();
		return new Changelog(location, source, HexFormat.of().formatHex(digest.digest()), changeSets,
				Collections.unmodifiableMap(notReplayable));
	}

	/** The first 16 hex digits of the fingerprint, enough to name a template file. */
	public String shortFingerprint() {
		return this.fingerprint.substring(0, 16);
	}

	/**
	 * Why the changesets that {@code applied} lacks cannot be replayed: the first of them
	 * that cannot, and why; null if all can.
	 */
	@Nullable String whyNotReplayable(Set<String> applied) {
		return this.changeSets.stream()
			.map(ChangeSetId::toString)
			.filter((id) -> !applied.contains(id) && this.notReplayable.containsKey(id))
			.findFirst()
			.map((id) -> "changeset " + id + ": " + this.notReplayable.get(id))
			.orElse(null);
	}

	/** The first changeset that {@code applied} (as {@code file::id::author}) lacks; null if none. */
	@Nullable ChangeSetId firstPending(Set<String> applied) {
		return this.changeSets.stream().filter((id) -> !applied.contains(id.toString())).findFirst().orElse(null);
	}

	private static DatabaseChangeLog parse(String location, ResourceAccessor accessor) throws Exception {
		return ChangeLogParserFactory.getInstance()
			.getParser(location, accessor)
			.parse(location, new ChangeLogParameters(), accessor);
	}

}
