package dev.durabledb.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.durabledb.DurableDbException;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.io.AtomicFiles;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ReplayScript replay scripts} of every database, one file per step in the
 * database's hidden {@code templates} folder, and the plans they make: the chain of steps
 * from an instance's fingerprint to the deployed one.
 */
final class ReplayScripts {

	private static final String SUFFIX = ".replay.sql";

	private final InstanceFiles files;

	private final boolean enabled;

	private final Map<String, List<ReplayScript>> loaded = new ConcurrentHashMap<>();

	/**
	 * @param enabled whether plans may replay; scripts are recorded either way, so that
	 * turning replay on later finds them
	 */
	ReplayScripts(InstanceFiles files, boolean enabled) {
		this.files = files;
		this.enabled = enabled;
	}

	/** Keeps {@code script} for {@code database}, published atomically. */
	void save(String database, ReplayScript script) {
		Path file = folder(database).resolve(shortFingerprint(script.from()) + "-" + shortFingerprint(script.to()) + SUFFIX);
		Path temporary = AtomicFiles.temporarySibling(file);
		try {
			Files.writeString(temporary, script.text(), StandardCharsets.UTF_8);
			AtomicFiles.publish(temporary, file);
		}
		catch (IOException ex) {
			throw new DurableDbException("Could not keep the replay script " + file.getFileName(), ex);
		}
		finally {
			// If a read of the folder is under way, this waits for it, then drops what it read.
			this.loaded.remove(database);
		}
	}

	/**
	 * How the instance of {@code database} open on {@code connection}, which records
	 * fingerprint {@code from}, gets to {@code to}: by replay only if its schema and
	 * changeset record are the template's at {@code from}, as they are unless someone
	 * changed the file by hand.
	 */
	ReplayPlan plan(String database, Connection connection, @Nullable String from, String to) throws SQLException {
		ReplayPlan plan = plan(database, from, to);
		if (plan.replayable() && !plan.fromSchema().equals(SchemaDigest.of(connection))) {
			return ReplayPlan.liquibase("its schema or changeset record differs from the template's at fingerprint "
					+ shortFingerprint(from));
		}
		return plan;
	}

	/** How an instance of {@code database} at {@code from} gets to {@code to}. */
	ReplayPlan plan(String database, @Nullable String from, String to) {
		if (!this.enabled) {
			return ReplayPlan.liquibase("replay is off (durable-db.migration.replay=false)");
		}
		if (from == null) {
			return ReplayPlan.liquibase("the instance records no changelog fingerprint");
		}
		Map<String, ReplayScript> cameBy = search(scripts(database), from, to);
		if (!cameBy.containsKey(to)) {
			return ReplayPlan.liquibase("no recorded step leads from fingerprint " + shortFingerprint(from)
					+ " to the deployed changelog (steps are recorded when the template moves)");
		}
		List<ReplayScript> steps = new ArrayList<>();
		for (String at = to; !at.equals(from); at = cameBy.get(at).from()) {
			steps.add(0, cameBy.get(at));
		}
		for (ReplayScript step : steps) {
			if (!step.replayable()) {
				return ReplayPlan.liquibase("the step from fingerprint " + shortFingerprint(step.from()) + " to "
						+ shortFingerprint(step.to()) + " cannot be replayed: " + step.liquibaseReason());
			}
		}
		return ReplayPlan.replay(steps);
	}

	/** The step that first reaches each fingerprint from {@code from}, breadth first, until {@code to}. */
	private static Map<String, ReplayScript> search(List<ReplayScript> scripts, String from, String to) {
		Map<String, ReplayScript> cameBy = new HashMap<>();
		Deque<String> next = new ArrayDeque<>(List.of(from));
		while (!next.isEmpty() && !cameBy.containsKey(to)) {
			String at = next.poll();
			for (ReplayScript step : scripts) {
				if (step.from().equals(at) && !step.to().equals(from) && !cameBy.containsKey(step.to())) {
					cameBy.put(step.to(), step);
					next.add(step.to());
				}
			}
		}
		return cameBy;
	}

	private List<ReplayScript> scripts(String database) {
		return this.loaded.computeIfAbsent(database, this::read);
	}

	private List<ReplayScript> read(String database) {
		List<ReplayScript> scripts = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder(database), "*" + SUFFIX)) {
			for (Path file : files) {
				scripts.add(ReplayScript.parse(Files.readString(file, StandardCharsets.UTF_8)));
			}
		}
		catch (IOException ex) {
			throw new DurableDbException("Could not read the replay scripts of database '" + database + "'", ex);
		}
		return List.copyOf(scripts);
	}

	private Path folder(String database) {
		return this.files.internalDir(database, "templates");
	}

	static String shortFingerprint(String fingerprint) {
		return fingerprint.substring(0, Math.min(16, fingerprint.length()));
	}

}
