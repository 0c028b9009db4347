package dev.durabledb.cluster.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.durabledb.DurableDbException;
import org.jspecify.annotations.Nullable;

/**
 * An action that ran on another node threw an exception that cannot be rebuilt here as its
 * own class: an application's exception, or one of durable-db's without a way back. It
 * carries what that node's exception meant for HTTP: the status (of a Spring
 * {@code ErrorResponse}, an {@code @ResponseStatus}, or 500), and the problem's type,
 * title, detail and properties when it had them. durable-db's problem handler answers it
 * with exactly those, so a client sees what it would have seen from the owner.
 * <p>
 * Application exceptions are not rebuilt by class on purpose: the answer of another
 * node never chooses a class to instantiate here. Catch this type (and read
 * {@link #getExceptionType()}) where code needs to tell them apart.
 */
public class RemoteActionException extends DurableDbException {

	private final int status;

	private final @Nullable URI type;

	private final @Nullable String title;

	private final @Nullable String detail;

	private final String exceptionType;

	private final @Nullable String remoteMessage;

	private final Map<String, Object> properties;

	private final @Nullable Duration retryAfter;

	RemoteActionException(String action, String node, int status, @Nullable URI type, @Nullable String title,
			@Nullable String detail, String exceptionType, @Nullable String remoteMessage,
			Map<String, Object> properties, @Nullable Duration retryAfter) {
		super("Action " + action + " failed on node " + node + " with " + exceptionType + " (status " + status + ")"
				+ ((detail != null) ? ": " + detail : ""));
		this.status = status;
		this.type = type;
		this.title = title;
		this.detail = detail;
		this.exceptionType = exceptionType;
		this.remoteMessage = remoteMessage;
		this.properties = Map.copyOf(properties);
		this.retryAfter = retryAfter;
	}

	/** The HTTP status the exception has where it was thrown. */
	public int getStatus() {
		return this.status;
	}

	/** The problem type, when the exception had one other than {@code about:blank}. */
	public @Nullable URI getType() {
		return this.type;
	}

	/** The problem title, when the exception had one. */
	public @Nullable String getTitle() {
		return this.title;
	}

	/**
	 * What a client may be told: the problem detail of an {@code ErrorResponse}, or the
	 * reason of an {@code @ResponseStatus}; {@code null} otherwise.
	 */
	public @Nullable String getDetail() {
		return this.detail;
	}

	/** The class name of the exception thrown on the other node. */
	public String getExceptionType() {
		return this.exceptionType;
	}

	/**
	 * The message of the exception thrown on the other node, for logs: not meant for
	 * clients (it may hold anything the application put there).
	 */
	public @Nullable String getRemoteMessage() {
		return this.remoteMessage;
	}

	/** The problem's other properties (of an {@code ErrorResponse}), as JSON values. */
	public Map<String, Object> getProperties() {
		return this.properties;
	}

	/** How long a client should wait before it retries, when the other node said so. */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
