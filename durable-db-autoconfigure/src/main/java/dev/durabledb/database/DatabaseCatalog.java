package dev.durabledb.database;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.durabledb.DurableDbConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.support.ResourcePatternResolver;

/** The databases an application declared, by name. */
public final class DatabaseCatalog {

	private static final String CLASSPATH = "classpath:";

	private static final String FILE = "file:";

	private final SortedMap<String, DatabaseDefinition> databases;

	DatabaseCatalog(Collection<DatabaseDefinition> databases) {
		TreeMap<String, DatabaseDefinition> byName = new TreeMap<>();
		databases.forEach((database) -> byName.put(database.name(), database));
		this.databases = java.util.Collections.unmodifiableSortedMap(byName);
	}

	/** Every database, sorted by name. */
	public Collection<DatabaseDefinition> all() {
		return this.databases.values();
	}

	public Optional<DatabaseDefinition> find(String name) {
		return Optional.ofNullable(this.databases.get(name));
	}

	/**
	 * Returns the database with the given name.
	 * @throws UnknownDatabaseException if there is none
	 */
	public DatabaseDefinition get(String name) {
		DatabaseDefinition database = this.databases.get(name);
		if (database == null) {
			throw new UnknownDatabaseException(name);
		}
		return database;
	}

	/** The only database, when the application has exactly one. */
	public Optional<DatabaseDefinition> single() {
		return (this.databases.size() == 1) ? Optional.of(this.databases.get(this.databases.firstKey()))
				: Optional.empty();
	}

	public Map<String, DatabaseDefinition> asMap() {
		return this.databases;
	}

	/**
	 * The databases found under {@code db/durable/<name>/} on the classpath, with
	 * {@code configured} added or overriding them.
	 * @throws IllegalStateException if a database has no changelog
	 */
	public static DatabaseCatalog discover(Map<String, Declared> configured, ResourcePatternResolver resolver) {
		Map<String, String> discovered = new ChangelogDiscovery(resolver).changelogs();
		Set<String> names = new TreeSet<>(discovered.keySet());
		names.addAll(configured.keySet());
		List<DatabaseDefinition> databases = new ArrayList<>();
		for (String name : names) {
			Declared properties = configured.get(name);
			InstanceStrategy strategy = (properties != null && properties.instance() != null) ? properties.instance()
					: InstanceStrategy.PER_TENANT;
			String changelog = (properties != null && properties.changelog() != null)
					? changelogLocation(name, properties.changelog()) : discovered.get(name);
			if (changelog == null) {
				throw new DurableDbConfigurationException("Database '" + name + "' has no changelog", "Add db/durable/"
						+ name + "/changelog.yaml to the classpath or set durable-db.databases." + name + ".changelog");
			}
			databases.add(new DatabaseDefinition(name, strategy, changelog));
		}
		return new DatabaseCatalog(databases);
	}

	/**
	 * A changelog location as the catalog keeps it: a class path location without
	 * {@code classpath:} (as Liquibase records its changesets), or a {@code file:} URL of an
	 * existing file.
	 */
	private static String changelogLocation(String name, String location) {
		String property = "durable-db.databases." + name + ".changelog";
		if (location.startsWith(FILE)) {
			String path = location.substring(FILE.length());
			Path file;
			try {
				file = (path.startsWith("//") ? Path.of(URI.create(location)) : Path.of(path)).toAbsolutePath()
					.normalize();
			}
			catch (IllegalArgumentException ex) {
				throw new DurableDbConfigurationException(property + " is '" + location + "', not a valid file: URL",
						"Write it as file:/absolute/path/changelog.yaml or file:relative/path/changelog.yaml");
			}
			if (!Files.isRegularFile(file)) {
				throw new DurableDbConfigurationException(
						property + " is '" + location + "', and there is no file at " + file,
						"Put the changelog there or correct the location");
			}
			return file.toUri().toString();
		}
		if (location.startsWith(CLASSPATH)) {
			location = location.substring(CLASSPATH.length());
		}
		else if (location.contains(":")) {
			throw new DurableDbConfigurationException(
					property + " is '" + location + "', neither a classpath: nor a file: location",
					"Name the changelog with classpath: (in the application) or file: (outside it)");
		}
		return location.startsWith("/") ? location.substring(1) : location;
	}

	/**
	 * What the application's properties say of a database.
	 *
	 * @param instance its instance strategy, or {@code null} for the default
	 * @param changelog its changelog location, or {@code null} for the discovered one
	 */
	public record Declared(@Nullable InstanceStrategy instance, @Nullable String changelog) {
	}

}
