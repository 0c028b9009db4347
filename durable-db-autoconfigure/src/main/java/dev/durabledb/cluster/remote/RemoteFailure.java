package dev.durabledb.cluster.remote;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.durabledb.action.InvalidArgument;
import dev.durabledb.cluster.LeaseLostException;
import dev.durabledb.cluster.OwnedElsewhereException;
import dev.durabledb.database.UnknownDatabaseException;
import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.instance.StorageFullException;
import dev.durabledb.instance.StorageUnavailableException;
import dev.durabledb.migration.MigrationFailedException;
import dev.durabledb.replication.HistoryFencedException;
import dev.durabledb.replication.NotReplicatedException;
import dev.durabledb.tenant.InvalidTenantIdException;
import dev.durabledb.tenant.MissingTenantException;
import dev.durabledb.tenant.TenantAlreadyExistsException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An action's failure as it travels from the node that ran it to the node that called it,
 * the body of an {@code application/problem+json} answer: the problem ({@code status},
 * and {@code type}, {@code title}, {@code detail} where they say something) and what the
 * caller needs to rethrow the same kind of exception: {@code exception} (the class name),
 * {@code message}, and for some kinds {@code database} and {@code instance} (the key the
 * exception names), {@code waited} (ms), {@code retryAfter} (s), {@code cause} (the
 * message of its cause), {@code subject} (the tenant id, database name, pattern or node id
 * it was made with), {@code action} and {@code errors} (of failed Bean Validation), or
 * {@code properties} (the other members of an application's problem).
 * <p>
 * durable-db's own exceptions are rebuilt as their class, from a fixed list; any other
 * becomes a {@link RemoteActionException} with the status, type, title, detail and
 * properties. A class name from the other node never picks a class to instantiate.
 */
record RemoteFailure(int status, @Nullable String type, @Nullable String title, @Nullable String detail,
		String exception, @Nullable String message, @Nullable InstanceKey key, @Nullable Long waited,
		@Nullable Long retryAfter, @Nullable String cause, @Nullable String subject, @Nullable String action,
		List<InvalidArgument> errors, @Nullable JsonNode properties) {

	private static final Map<String, Function<Rebuild, @Nullable RuntimeException>> REBUILDS = rebuilds();

	/** A failure of the application's own kind, or of one of durable-db's that is not rebuilt. */
	static RemoteFailure problem(int status, @Nullable String type, @Nullable String title, @Nullable String detail,
			Throwable ex, @Nullable Long retryAfter, @Nullable JsonNode properties) {
		return new RemoteFailure(status, type, title, detail, ex.getClass().getName(), ex.getMessage(), null, null,
				retryAfter, null, null, null, List.of(), properties);
	}

	ObjectNode toJson(JsonMapper mapper) {
		ObjectNode json = mapper.createObjectNode();
		putIfPresent(json, "type", this.type);
		putIfPresent(json, "title", this.title);
		json.put("status", this.status);
		putIfPresent(json, "detail", this.detail);
		json.put("exception", this.exception);
		putIfPresent(json, "message", this.message);
		if (this.key != null) {
			json.put("database", this.key.database());
			json.put("instance", this.key.instance());
		}
		if (this.waited != null) {
			json.put("waited", this.waited);
		}
		if (this.retryAfter != null) {
			json.put("retryAfter", this.retryAfter);
		}
		putIfPresent(json, "cause", this.cause);
		putIfPresent(json, "subject", this.subject);
		putIfPresent(json, "action", this.action);
		if (!this.errors.isEmpty()) {
			ArrayNode errors = json.putArray("errors");
			this.errors.forEach(
					(error) -> errors.addObject().put("field", error.field()).put("message", error.message()));
		}
		if (this.properties != null && !this.properties.isEmpty()) {
			json.set("properties", this.properties);
		}
		return json;
	}

	/**
	 * Reads a failure from an answer's body.
	 * @throws IllegalArgumentException when it is not one
	 */
	static RemoteFailure fromJson(JsonNode json) {
		if (!json.isObject() || !json.path("status").isInt() || !json.path("exception").isString()) {
			throw new IllegalArgumentException("not a durable-db failure: it has no status and exception");
		}
		InstanceKey key = (json.path("database").isString() && json.path("instance").isString())
				? new InstanceKey(json.get("database").asString(), json.get("instance").asString()) : null;
		List<InvalidArgument> errors = new ArrayList<>();
		for (JsonNode error : json.path("errors")) {
			errors.add(new InvalidArgument(error.path("field").asString(""), error.path("message").asString("")));
		}
		JsonNode properties = json.path("properties").isObject() ? json.get("properties") : null;
		return new RemoteFailure(json.get("status").asInt(), text(json, "type"), text(json, "title"),
				text(json, "detail"), json.get("exception").asString(), text(json, "message"), key,
				number(json, "waited"), number(json, "retryAfter"), text(json, "cause"), text(json, "subject"),
				text(json, "action"), List.copyOf(errors), properties);
	}

	/**
	 * The exception to throw on the calling node: durable-db's own as their class (with a
	 * {@code RemoteCause} saying where it was thrown), any other as a
	 * {@link RemoteActionException}.
	 * @param callKey the instance the call was for, when the failure names none
	 * @param action the action, as {@code Class.method}
	 * @param node the id of the node that answered
	 */
	RuntimeException toException(InstanceKey callKey, String action, String node, JsonMapper mapper) {
		Function<Rebuild, @Nullable RuntimeException> rebuild = REBUILDS.get(this.exception);
		RuntimeException rebuilt = (rebuild != null) ? rebuild.apply(new Rebuild(this, callKey, action, node)) : null;
		if (rebuilt != null) {
			return rebuilt;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		if (this.properties != null) {
			this.properties.properties()
				.forEach((entry) -> properties.put(entry.getKey(), mapper.treeToValue(entry.getValue(), Object.class)));
		}
		return new RemoteActionException(action, node, this.status, (this.type != null) ? URI.create(this.type) : null,
				this.title, this.detail, this.exception, this.message, properties,
				(this.retryAfter != null) ? Duration.ofSeconds(this.retryAfter) : null);
	}

	private static Map<String, Function<Rebuild, @Nullable RuntimeException>> rebuilds() {
		Map<String, Function<Rebuild, @Nullable RuntimeException>> rebuilds = new LinkedHashMap<>();
		rebuilds.put(InstanceNotFoundException.class.getName(),
				(rebuild) -> rebuild.caused(new InstanceNotFoundException(rebuild.key())));
		rebuilds.put(InstanceBusyException.class.getName(), (rebuild) -> rebuild.caused(
				new InstanceBusyException(rebuild.key(), Duration.ofMillis(rebuild.failure.waited(0)))));
		rebuilds.put(StorageFullException.class.getName(),
				(rebuild) -> new StorageFullException(rebuild.key(), rebuild.cause()));
		rebuilds.put(StorageUnavailableException.class.getName(),
				(rebuild) -> new StorageUnavailableException(rebuild.key(), rebuild.cause()));
		rebuilds.put(NotReplicatedException.class.getName(), (rebuild) -> new NotReplicatedException(rebuild.key(),
				new RemoteCause(rebuild.failure.cause(), "the replica store's failure", rebuild.node)));
		rebuilds.put(MigrationFailedException.class.getName(), (rebuild) -> (rebuild.failure.message() == null) ? null
				: new MigrationFailedException(rebuild.key(), rebuild.failure.message(), rebuild.cause(),
						(rebuild.failure.retryAfter() != null) ? Duration.ofSeconds(rebuild.failure.retryAfter())
								: null));
		rebuilds.put(MissingTenantException.class.getName(),
				(rebuild) -> rebuild.withSubject(MissingTenantException::new));
		rebuilds.put(InvalidTenantIdException.class.getName(),
				(rebuild) -> rebuild.withSubject(InvalidTenantIdException::new));
		rebuilds.put(TenantAlreadyExistsException.class.getName(),
				(rebuild) -> rebuild.withSubject(TenantAlreadyExistsException::new));
		rebuilds.put(UnknownDatabaseException.class.getName(),
				(rebuild) -> rebuild.withSubject(UnknownDatabaseException::new));
		rebuilds.put(NotOwnerException.class.getName(), (rebuild) -> rebuild
			.withSubject((node) -> new NotOwnerException(rebuild.key(), node)));
		rebuilds.put(HistoryFencedException.class.getName(), (rebuild) -> new HistoryFencedException(rebuild.key(),
				"its history went on under another node, as " + rebuild.node + " found"));
		rebuilds.put(LeaseLostException.class.getName(), (rebuild) -> new LeaseLostException(rebuild.key()));
		rebuilds.put(OwnedElsewhereException.class.getName(), (rebuild) -> rebuild
			.withSubject((owner) -> new OwnedElsewhereException(rebuild.key(), owner)));
		rebuilds.put(ValidationFailures.EXCEPTION, (rebuild) -> ValidationFailures.PRESENT
				? rebuild.caused(ValidationFailures.rebuild(
						(rebuild.failure.action() != null) ? rebuild.failure.action() : rebuild.action(),
						rebuild.failure.errors()))
				: null);
		return Map.copyOf(rebuilds);
	}

	private long waited(long otherwise) {
		return (this.waited != null) ? this.waited : otherwise;
	}

	private static void putIfPresent(ObjectNode json, String name, @Nullable String value) {
		if (value != null) {
			json.put(name, value);
		}
	}

	private static @Nullable String text(JsonNode json, String name) {
		JsonNode value = json.path(name);
		return value.isString() ? value.asString() : null;
	}

	private static @Nullable Long number(JsonNode json, String name) {
		JsonNode value = json.path(name);
		return value.isIntegralNumber() ? value.asLong() : null;
	}

	/** What a rebuild works from. */
	private record Rebuild(RemoteFailure failure, InstanceKey callKey, String action, String node) {

		InstanceKey key() {
			return (this.failure.key() != null) ? this.failure.key() : this.callKey;
		}

		RemoteCause cause() {
			return new RemoteCause(this.failure.message(), this.failure.exception(), this.node);
		}

		/** {@code rebuilt}, its cause saying where it was thrown. */
		RuntimeException caused(RuntimeException rebuilt) {
			if (rebuilt.getCause() == null) {
				try {
					rebuilt.initCause(cause());
				}
				catch (IllegalStateException ex) {
					// Made with an explicit null cause: it stays without one.
				}
			}
			return rebuilt;
		}

		@Nullable RuntimeException withSubject(Function<String, RuntimeException> make) {
			return (this.failure.subject() != null) ? caused(make.apply(this.failure.subject())) : null;
		}

	}

}
