package dev.durabledb.database;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The databases an application declared, by name. */
public final class DatabaseCatalog {

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

}
