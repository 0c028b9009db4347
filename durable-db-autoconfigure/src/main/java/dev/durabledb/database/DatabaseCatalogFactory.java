package dev.durabledb.database;

import dev.durabledb.DurableDbProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;


import org.springframework.core.io.support.ResourcePatternResolver;

/** Builds the catalog from the databases discovered on the classpath and the properties. */
public final class DatabaseCatalogFactory {

	private static final String CLASSPATH = "classpath:";

	private DatabaseCatalogFactory() {
	}

	/**
	 * The databases found under {@code db/durable/<name>/} on the classpath, with
	 * {@code configured} added or overriding them.
	 * @throws IllegalStateException if a database has no changelog
	 */
	public static DatabaseCatalog create(Map<String, DurableDbProperties.Database> configured,
			ResourcePatternResolver resolver) {
		Map<String, String> discovered = new ChangelogDiscovery(resolver).changelogs();
		Set<String> names = new TreeSet<>(discovered.keySet());
		names.addAll(configured.keySet());
		List<DatabaseDefinition> databases = new ArrayList<>();
		for (String name : names) {
			DurableDbProperties.Database properties = configured.get(name);
			InstanceStrategy strategy = (properties != null && properties.instance() != null) ? properties.instance()
					: InstanceStrategy.PER_TENANT;
			String changelog = (properties != null && properties.changelog() != null)
					? classpathLocation(name, properties.changelog()) : discovered.get(name);
			if (changelog == null) {
				throw new IllegalStateException("Database '" + name + "' has no changelog: add db/durable/" + name
						+ "/changelog.yaml to the classpath or set durable-db.databases." + name + ".changelog");
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
			throw new IllegalStateException("durable-db.databases." + name + ".changelog must be a classpath: location, not '"
					+ location + "'");
		}
		return location.startsWith("/") ? location.substring(1) : location;
	}

}
