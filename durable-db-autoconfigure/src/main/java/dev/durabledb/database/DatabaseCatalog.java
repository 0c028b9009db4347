package dev.durabledb.database;

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
					? classpathLocation(name, properties.changelog()) : discovered.get(name);
			if (changelog == null) {
				throw new DurableDbConfigurationException("Database '" + name + "' has no changelog", "Add db/durable/"
						+ name + "/changelog.yaml to the classpath or set durable-db.databases." + name + ".changelog");
			}
			databases.add(new DatabaseDefinition(name, strategy, changelog));
		}
		return new DatabaseCatalog(databases);
	}

	private static String classpathLocation(String name, String location) {
		if (location.startsWith(CLASSPATH)) {
			location = location.substring(CLASSPATH.length());
		}
		else if (location.contains(":")) {
			throw new DurableDbConfigurationException(
					"durable-db.databases." + name + ".changelog is '" + location + "', not a classpath: location",
					"Put the changelog on the class path and name it with classpath:");
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
