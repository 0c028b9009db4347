package dev.durabledb.database;

import java.util.regex.Pattern;

import dev.durabledb.DurableDbConfigurationException;

/**
 * A named schema with its own Liquibase changelog.
 *
 * @param name the database name, also the name of its folder under the data dir
 * @param strategy one file per tenant or one shared file
 * @param changelog the changelog's location: a path on the class path (without
 * {@code classpath:}) or a {@code file:} URL
 */
public record DatabaseDefinition(String name, InstanceStrategy strategy, String changelog) {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

	public DatabaseDefinition {
		if (!NAME.matcher(name).matches()) {
			throw new DurableDbConfigurationException("Database name '" + name + "' is not valid",
					"Name it with lower-case letters, digits, '-' and '_' (up to 63 characters)");
		}
	}

	/** Whether every tenant has a file of its own. */
	public boolean isPerTenant() {
		return this.strategy == InstanceStrategy.PER_TENANT;
	}

}
