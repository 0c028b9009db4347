package dev.durabledb.actuate;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.export.ArchiveWriter;
import dev.durabledb.export.ExportJob;
import dev.durabledb.export.ExportOperations;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.core.io.FileSystemResource;

/**
 * The {@code durabledbarchive} actuator endpoint: downloads.
 * <ul>
 * <li>{@code GET /actuator/durabledbarchive/{database}}: one zip archive with a
 * consistent snapshot of every instance of the database (load it locally with
 * {@code ArchiveLoader});</li>
 * <li>{@code GET /actuator/durabledbarchive/{database}/{instance}/{export}}: the SQL dump
 * of a finished export.</li>
 * </ul>
 * It hands out every tenant's data, so it is off unless the application allows it
 * ({@code management.endpoint.durabledbarchive.access=read-only}), as Spring Boot ships
 * {@code shutdown}.
 */
@WebEndpoint(id = "durabledbarchive", defaultAccess = Access.NONE)
public class DurableDbArchiveEndpoint {

	private final DatabaseCatalog catalog;

	private final ArchiveWriter archives;

	private final ExportOperations exports;

	DurableDbArchiveEndpoint(DatabaseCatalog catalog, ArchiveWriter archives, ExportOperations exports) {
		this.catalog = catalog;
		this.archives = archives;
		this.exports = exports;
	}

	@ReadOperation(produces = "application/zip")
	public WebEndpointResponse<Object> archive(@Selector String database) {
		DatabaseDefinition definition = this.catalog.find(database).orElse(null);
		if (definition == null) {
			return EndpointProblem.notFound("There is no database '" + database + "'").response();
		}
		Path archive = this.archives.write(definition);
		return new WebEndpointResponse<>(new TemporaryFileResource(archive), WebEndpointResponse.STATUS_OK);
	}

	@ReadOperation(produces = "application/sql")
	public WebEndpointResponse<Object> export(@Selector String database, @Selector String instance,
			@Selector String export) {
		ExportJob job = this.exports.find(export).orElse(null);
		if (job == null || !job.key().database().equals(database) || !job.key().instance().equals(instance)) {
			return EndpointProblem.notFound("Instance '" + database + "/" + instance + "' has no export " + export)
				.response();
		}
		if (!job.isDone() || !Files.isRegularFile(job.file())) {
			return EndpointProblem.of(409, "Export " + export + " is " + job.status()
					+ "; download it once it is done").response();
		}
		return new WebEndpointResponse<>(new FileSystemResource(job.file()), WebEndpointResponse.STATUS_OK);
	}

}
