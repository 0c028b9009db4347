package dev.durabledb.web;

import java.net.URI;
import java.time.Duration;

import dev.durabledb.cluster.LeaseLostException;
import dev.durabledb.cluster.LeaseStoreException;
import dev.durabledb.cluster.OwnedElsewhereException;
import dev.durabledb.cluster.remote.NotOwnerException;
import dev.durabledb.cluster.remote.RemoteActionException;
import dev.durabledb.cluster.remote.RemoteCallException;
import dev.durabledb.database.UnknownDatabaseException;
import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.instance.StorageFullException;
import dev.durabledb.instance.StorageUnavailableException;
import dev.durabledb.migration.ChangelogFailedException;
import dev.durabledb.migration.MigrationFailedException;
import dev.durabledb.replication.HistoryFencedException;
import dev.durabledb.replication.NotReplicatedException;
import dev.durabledb.tenant.InvalidTenantIdException;
import dev.durabledb.tenant.MissingTenantException;
import dev.durabledb.tenant.TenantAlreadyExistsException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns durable-db's errors into {@code application/problem+json} responses (RFC 9457)
 * with a clear {@code detail}, and never a stack trace, SQL or a file path. Ordered just
 * ahead of an application's default advice; an application that declares handlers for
 * these exceptions with a higher precedence wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class DurableDbProblemHandler {

	private static final String TYPE_PREFIX = "https://durabledb.dev/problems/";

	@ExceptionHandler(MissingTenantException.class)
	ResponseEntity<ProblemDetail> missingTenant(MissingTenantException ex) {
		return problem(HttpStatus.BAD_REQUEST, "missing-tenant", "Tenant required", ex.getMessage());
	}

	@ExceptionHandler(InvalidTenantIdException.class)
	ResponseEntity<ProblemDetail> invalidTenant(InvalidTenantIdException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-tenant-id", "Invalid tenant id", ex.getMessage());
	}

	@ExceptionHandler(InstanceNotFoundException.class)
	ResponseEntity<ProblemDetail> tenantNotFound(InstanceNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "tenant-not-found", "Tenant not found", ex.getMessage());
	}

	@ExceptionHandler(TenantAlreadyExistsException.class)
	ResponseEntity<ProblemDetail> tenantExists(TenantAlreadyExistsException ex) {
		return problem(HttpStatus.CONFLICT, "tenant-exists", "Tenant already exists", ex.getMessage());
	}

	@ExceptionHandler(UnknownDatabaseException.class)
	ResponseEntity<ProblemDetail> unknownDatabase(UnknownDatabaseException ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-database", "Unknown database", ex.getMessage());
	}

	@ExceptionHandler(InstanceBusyException.class)
	ResponseEntity<ProblemDetail> busy(InstanceBusyException ex) {
		return retryLater(ex.getRetryAfter(), "instance-busy", "Instance busy",
				"The tenant's database is busy; retry shortly");
	}

	@ExceptionHandler(StorageFullException.class)
	ResponseEntity<ProblemDetail> storageFull(StorageFullException ex) {
		return retryLater(ex.getRetryAfter(), "storage-full", "Storage full",
				"The tenant's data could not be written: storage is full; nothing was changed, retry later");
	}

	@ExceptionHandler(StorageUnavailableException.class)
	ResponseEntity<ProblemDetail> storageUnavailable(StorageUnavailableException ex) {
		return retryLater(ex.getRetryAfter(), "storage-unavailable", "Storage unavailable",
				"The tenant's data could not be read or written: storage is failing; retry later");
	}

	@ExceptionHandler(NotReplicatedException.class)
	ResponseEntity<ProblemDetail> notReplicated(NotReplicatedException ex) {
		return retryLater(ex.getRetryAfter(), "not-replicated", "Write not replicated",
				"The write was committed but could not be copied to the replica store, so it is not acknowledged;"
						+ " retry later");
	}

	@ExceptionHandler(HistoryFencedException.class)
	ResponseEntity<ProblemDetail> historyFenced(HistoryFencedException ex) {
		return retryLater(ex.getRetryAfter(), "history-fenced", "Not the tenant's owner",
				"This node no longer owns the tenant's database, so the write is not acknowledged; retry later");
	}

	@ExceptionHandler(MigrationFailedException.class)
	ResponseEntity<ProblemDetail> migrationFailed(MigrationFailedException ex) {
		String detail = "The tenant's database could not be brought up to date; its data is unchanged and operators"
				+ " can see why";
		Duration retryAfter = ex.getRetryAfter();
		return (retryAfter != null) ? retryLater(retryAfter, "migration-failed", "Database migration failed", detail)
				: problem(HttpStatus.SERVICE_UNAVAILABLE, "migration-failed", "Database migration failed", detail);
	}

	@ExceptionHandler(ChangelogFailedException.class)
	ResponseEntity<ProblemDetail> changelogFailed(ChangelogFailedException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "changelog-failed", "Database changelog failed",
				"New tenants of this database cannot be created: its changelog fails; operators can see why");
	}

	@ExceptionHandler(NotOwnerException.class)
	ResponseEntity<ProblemDetail> notOwner(NotOwnerException ex) {
		return retryLater(ex.getRetryAfter(), "tenant-moving", "Tenant moving",
				"The tenant is moving between the application's nodes; retry shortly");
	}

	@ExceptionHandler(LeaseLostException.class)
	ResponseEntity<ProblemDetail> leaseLost(LeaseLostException ex) {
		return retryLater(ex.getRetryAfter(), "lease-lost", "Write not acknowledged",
				"This node's ownership of the tenant lapsed before the write could be acknowledged; retry shortly");
	}

	@ExceptionHandler(OwnedElsewhereException.class)
	ResponseEntity<ProblemDetail> ownedElsewhere(OwnedElsewhereException ex) {
		return retryLater(ex.getRetryAfter(), "tenant-moving", "Tenant moving",
				"The tenant is served by another node of the application; retry shortly");
	}

	@ExceptionHandler(LeaseStoreException.class)
	ResponseEntity<ProblemDetail> leaseStore(LeaseStoreException ex) {
		return retryLater(Duration.ofSeconds(1), "lease-store-unavailable", "Lease store unavailable",
				"The database that records which node serves each tenant did not answer; retry shortly");
	}

	@ExceptionHandler(RemoteCallException.class)
	ResponseEntity<ProblemDetail> remoteCall(RemoteCallException ex) {
		return retryLater(ex.getRetryAfter(), "node-unreachable", "Node unreachable",
				"The node that serves this tenant did not answer; retry shortly");
	}

	/**
	 * An exception of the application thrown by an action on another node: the problem
	 * that node's exception stands for (its status, and type, title, detail and properties
	 * when it had them). With no detail of its own, a server error says nothing more.
	 */
	@ExceptionHandler(RemoteActionException.class)
	ResponseEntity<ProblemDetail> remoteAction(RemoteActionException ex) {
		HttpStatusCode status = HttpStatusCode.valueOf(ex.getStatus());
		ProblemDetail problem = ProblemDetail.forStatus(status);
		if (ex.getType() != null) {
			problem.setType(ex.getType());
		}
		if (ex.getTitle() != null) {
			problem.setTitle(ex.getTitle());
		}
		problem.setDetail((ex.getDetail() != null) ? ex.getDetail()
				: status.is5xxServerError() ? "The request could not be completed" : null);
		ex.getProperties().forEach(problem::setProperty);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
		if (ex.getRetryAfter() != null) {
			response.header(HttpHeaders.RETRY_AFTER, seconds(ex.getRetryAfter()));
		}
		return response.body(problem);
	}

	/** A 503 problem whose {@code Retry-After} says when to try again (a second at least). */
	private static ResponseEntity<ProblemDetail> retryLater(Duration after, String type, String title, String detail) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, seconds(after))
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail).getBody());
	}

	/** A {@code Retry-After} value: whole seconds, one at least. */
	private static String seconds(Duration after) {
		return Long.toString(Math.max(1, after.toSeconds()));
	}

	static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title,
			String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + type));
		problem.setTitle(title);
		return ResponseEntity.status(status).body(problem);
	}

}
