package dev.durabledb.migration;

import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.file.Path;

import dev.durabledb.DurableDbConfigurationException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

/**
 * Where Liquibase reads a changelog from: a path on the class path, or a file in a folder
 * ({@code file:} locations). A file's changesets are recorded relative to its folder, so
 * moving the folder does not make Liquibase see them as new.
 *
 * @param path the changelog's path, as Liquibase records it
 * @param accessor what resolves it and the files it includes
 */
record ChangelogSource(String path, ResourceAccessor accessor) {

	private static final String FILE = "file:";

	/**
	 * The source of {@code location}: a {@code file:} URL, or a class path location
	 * without {@code classpath:}, as {@link dev.durabledb.database.DatabaseDefinition}
	 * holds it.
	 */
	static ChangelogSource of(String location, ClassLoader classLoader) {
		if (!location.startsWith(FILE)) {
			return new ChangelogSource(location, new ClassLoaderResourceAccessor(classLoader));
		}
		Path file = Path.of(URI.create(location));
		Path folder = file.toAbsolutePath().getParent();
		try {
			// The class path stays reachable too: a file changelog may include shared ones.
			return new ChangelogSource(file.getFileName().toString(), new CompositeResourceAccessor(
					new DirectoryResourceAccessor(folder), new ClassLoaderResourceAccessor(classLoader)));
		}
		catch (FileNotFoundException ex) {
			throw new DurableDbConfigurationException("The changelog folder of " + location + " does not exist",
					"Create it or point the database's changelog property at an existing file");
		}
	}

}
