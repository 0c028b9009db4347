package dev.durabledb.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.reset.DevReset;
import dev.durabledb.reset.DevResetDisabledException;
import dev.durabledb.reset.PurgeResult;
import dev.durabledb.reset.ResetResult;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The endpoint's dev reset operations on one database: {@code reset} (every instance
 * gets a fresh, empty file; the old files are set aside) and {@code purge-reset} (the
 * set-aside files are deleted). Refused with 403 unless {@code durable-db.dev.reset=true}:
 * the request is understood and well formed, the application's configuration forbids
 * it, and repeating it changes nothing until that changes.
 */
final class ResetOperations {

	private final @Nullable DevReset reset;

	ResetOperations(@Nullable DevReset reset) {
		this.reset = reset;
	}

	/** Runs {@code operation} ({@code reset} or {@code purge-reset}) on {@code database}, which exists. */
	WebEndpointResponse<Object> run(String database, String operation) {
		try {
			Map<String, Object> body = "reset".equals(operation) ? reset(database) : purge(database);
			return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
		}
		catch (DevResetDisabledException ex) {
			return EndpointProblem.of(403, ex.getMessage()).response();
		}
		catch (InstanceBusyException ex) {
			return EndpointProblem.of(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, ex.getMessage()).response();
		}
	}

	private Map<String, Object> reset(String database) {
		ResetResult result = devReset().reset(database);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("operation", "reset");
		body.put("database", database);
		body.put("reset", result.instances().size());
		body.put("asideFolder", result.asideFolder());
		body.put("instances", result.instances());
		return body;
	}

	private Map<String, Object> purge(String database) {
		PurgeResult result = devReset().purge(database);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("operation", "purge-reset");
		body.put("database", database);
		body.put("files", result.files());
		body.put("bytes", result.bytes());
		return body;
	}

	private DevReset devReset() {
		if (this.reset == null) {
			throw new DevResetDisabledException();
		}
		return this.reset;
	}

}
