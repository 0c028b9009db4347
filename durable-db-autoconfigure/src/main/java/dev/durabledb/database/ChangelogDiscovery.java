package dev.durabledb.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.durabledb.DurableDbConfigurationException;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Finds the databases an application declares by convention: every folder
 * {@code db/durable/<name>/} on the classpath with a {@code changelog.yaml},
 * {@code .yml}, {@code .xml} or {@code .sql}.
 */
final class ChangelogDiscovery {

	private static final String PATTERN = "classpath*:db/durable/*/changelog.*";

	private static final Pattern LOCATION = Pattern
		.compile(".*/(db/durable/([^/]+)/changelog\\.(yaml|yml|xml|sql))$");

	private final ResourcePatternResolver resolver;

	ChangelogDiscovery(ResourcePatternResolver resolver) {
		this.resolver = resolver;
	}

	/**
	 * Returns the changelog of every database found, by database name, as a path on the
	 * classpath.
	 * @throws IllegalStateException if a database has more than one changelog
	 */
	public Map<String, String> changelogs() {
		Map<String, String> found = new TreeMap<>();
		for (Resource resource : resources()) {
			Matcher matcher = LOCATION.matcher(uriOf(resource));
			if (!matcher.matches()) {
				continue;
			}
			String name = matcher.group(2);
			String location = matcher.group(1);
			String previous = found.putIfAbsent(name, location);
			if (previous != null && !previous.equals(location)) {
				throw new DurableDbConfigurationException("Database '" + name
						+ "' has more than one changelog on the classpath (" + previous + " and " + location + ")",
						"Keep one, or set durable-db.databases." + name + ".changelog");
			}
		}
		return found;
	}

	private Resource[] resources() {
		try {
			return this.resolver.getResources(PATTERN);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not scan the classpath for " + PATTERN, ex);
		}
	}

	private static String uriOf(Resource resource) {
		try {
			return resource.getURI().toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
