package dev.durabledb.cluster.remote;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.durabledb.cluster.LeaseLostException;
import dev.durabledb.cluster.OwnedElsewhereException;
import dev.durabledb.database.UnknownDatabaseException;
import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.instance.InstanceKey;
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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Describes the exception an action threw on this node as the {@link RemoteFailure} the
 * calling node rethrows. durable-db's exceptions carry their statuses as durable-db's
 * problem handler answers them, and what their rebuild needs; an application's exception
 * carries its status the way Spring MVC finds it: a Spring {@link ErrorResponse} (status
 * and problem), else {@link ResponseStatus @ResponseStatus} (status and reason), else 500.
 */
final class FailureReports {

	private static final String CHANGELOG_FAILED_TYPE = "https://durabledb.dev/problems/changelog-failed";

	private final JsonMapper mapper;

	FailureReports(JsonMapper mapper) {
		this.mapper = mapper;
	}

	RemoteFailure describe(Throwable ex) {
		if (ValidationFailures.PRESENT) {
			RemoteFailure invalid = ValidationFailures.describe(ex);
			if (invalid != null) {
				return invalid;
			}
		}
		if (ex instanceof InstanceNotFoundException notFound) {
			return durable(404, InstanceNotFoundException.class, ex, notFound.getKey(), null, null, null, null);
		}
		if (ex instanceof InstanceBusyException busy) {
			return durable(503, InstanceBusyException.class, ex, busy.getKey(), busy.getWaited().toMillis(),
					busy.getRetryAfter(), null, null);
		}
		if (ex instanceof StorageFullException full) {
			return durable(503, StorageFullException.class, ex, full.getKey(), null, full.getRetryAfter(), null,
					null);
		}
		if (ex instanceof StorageUnavailableException unavailable) {
			return durable(503, StorageUnavailableException.class, ex, unavailable.getKey(), null,
					unavailable.getRetryAfter(), null, null);
		}
		if (ex instanceof NotReplicatedException notReplicated) {
			Throwable cause = notReplicated.getCause();
			return durable(503, NotReplicatedException.class, ex, notReplicated.getKey(), null,
					notReplicated.getRetryAfter(), (cause != null) ? cause.getMessage() : null, null);
		}
		if (ex instanceof MigrationFailedException migration) {
			return durable(503, MigrationFailedException.class, ex, migration.getKey(), null,
					migration.getRetryAfter(), null, null);
		}
		if (ex instanceof MissingTenantException missing) {
			return durable(400, MissingTenantException.class, ex, null, null, null, null, missing.getDatabase());
		}
		if (ex instanceof InvalidTenantIdException invalid) {
			return durable(400, InvalidTenantIdException.class, ex, null, null, null, null, invalid.getPattern());
		}
		if (ex instanceof TenantAlreadyExistsException exists) {
			return durable(409, TenantAlreadyExistsException.class, ex, null, null, null, null,
					exists.getTenantId());
		}
		if (ex instanceof UnknownDatabaseException unknown) {
			return durable(404, UnknownDatabaseException.class, ex, null, null, null, null, unknown.getName());
		}
		if (ex instanceof NotOwnerException notOwner) {
			return durable(503, NotOwnerException.class, ex, notOwner.getKey(), null, notOwner.getRetryAfter(), null,
					notOwner.getNode());
		}
		if (ex instanceof HistoryFencedException fenced) {
			return durable(503, HistoryFencedException.class, ex, fenced.getKey(), null, fenced.getRetryAfter(), null,
					null);
		}
		if (ex instanceof LeaseLostException lost) {
			return durable(503, LeaseLostException.class, ex, lost.getKey(), null, lost.getRetryAfter(), null, null);
		}
		if (ex instanceof OwnedElsewhereException elsewhere) {
			return durable(503, OwnedElsewhereException.class, ex, elsewhere.getKey(), null,
					elsewhere.getRetryAfter(), null, elsewhere.getOwner());
		}
		if (ex instanceof ChangelogFailedException) {
			// Not rebuilt (it is made from Liquibase's failure): its problem travels as
			// durable-db's problem handler answers it.
			return RemoteFailure.problem(503, CHANGELOG_FAILED_TYPE, "Database changelog failed",
					"New tenants of this database cannot be created: its changelog fails; operators can see why", ex,
					null, null);
		}
		if (ex instanceof RemoteActionException remote) {
			return new RemoteFailure(remote.getStatus(), (remote.getType() != null) ? remote.getType().toString() : null,
					remote.getTitle(), remote.getDetail(), remote.getExceptionType(), remote.getRemoteMessage(), null,
					null, (remote.getRetryAfter() != null) ? remote.getRetryAfter().toSeconds() : null, null, null,
					null, List.of(), properties(remote.getProperties()));
		}
		if (ex instanceof ErrorResponse response) {
			ProblemDetail body = response.getBody();
			URI type = body.getType();
			return RemoteFailure.problem(response.getStatusCode().value(),
					(type == null || "about:blank".equals(type.toString())) ? null : type.toString(), body.getTitle(),
					body.getDetail(), ex, null, properties(body.getProperties()));
		}
		ResponseStatus status = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
		if (status != null) {
			return RemoteFailure.problem(status.code().value(), null, null,
					status.reason().isEmpty() ? null : status.reason(), ex, null, null);
		}
		return RemoteFailure.problem(500, null, null, null, ex, null, null);
	}

	/**
	 * One of durable-db's exceptions, named by {@code kind} (its class, or the class an
	 * application's subclass of it is rebuilt as).
	 */
	private static RemoteFailure durable(int status, Class<?> kind, Throwable ex, @Nullable InstanceKey key,
			@Nullable Long waited, @Nullable Duration retryAfter, @Nullable String cause, @Nullable String subject) {
		return new RemoteFailure(status, null, null, ex.getMessage(), kind.getName(), ex.getMessage(), key,
				waited, (retryAfter != null) ? Math.max(1, retryAfter.toSeconds()) : null, cause, subject, null,
				List.of(), null);
	}

	private @Nullable JsonNode properties(@Nullable Map<String, Object> properties) {
		return (properties == null || properties.isEmpty()) ? null : this.mapper.valueToTree(properties);
	}

}
