package dev.durabledb.cluster.remote;

import java.time.Duration;

import dev.durabledb.DurableDbException;
import org.jspecify.annotations.Nullable;

/**
 * An action could not be run on another node, or its answer did not come back: the node
 * could not be reached, refused the call (a wrong secret, clocks that disagree), did not
 * answer in time, or answered something that is not an answer of durable-db's endpoint.
 * {@link #mayHaveRun()} tells whether the action may nevertheless have run there (a call
 * that was sent and not answered in time), as after any timeout.
 */
public class RemoteCallException extends DurableDbException {

	private final boolean mayHaveRun;

	RemoteCallException(String message, boolean mayHaveRun, @Nullable Throwable cause) {
		super(message, cause);
		this.mayHaveRun = mayHaveRun;
	}

	/**
	 * Whether the action may have run on the other node: false when the call was refused
	 * or never reached it, true when its outcome is unknown.
	 */
	public boolean mayHaveRun() {
		return this.mayHaveRun;
	}

	/** How long a client should wait before it retries. */
	public Duration getRetryAfter() {
		return Duration.ofSeconds(1);
	}

}
