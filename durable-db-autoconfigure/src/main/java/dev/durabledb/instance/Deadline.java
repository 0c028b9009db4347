package dev.durabledb.instance;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.durabledb.DurableDbException;

/**
 * How long a caller may still wait for instance {@code key}: every wait on its way to
 * the instance draws from the same lock timeout, and one that runs out (or is
 * interrupted) is a {@link InstanceBusyException}, never a hang.
 */
final class Deadline {

	private final InstanceKey key;

	private final Duration timeout;

	private final long at;

	private Deadline(InstanceKey key, Duration timeout) {
		this.key = key;
		this.timeout = timeout;
		this.at = System.nanoTime() + timeout.toNanos();
	}

	/** A deadline {@code timeout} from now. */
	static Deadline after(InstanceKey key, Duration timeout) {
		return new Deadline(key, timeout);
	}

	boolean passed() {
		return System.nanoTime() - this.at > 0;
	}

	long remainingNanos() {
		return Math.max(0, this.at - System.nanoTime());
	}

	/** Waits for another caller's result; its failure is rethrown as is (or wrapped). */
	<T> T get(CompletableFuture<T> future) {
		try {
			return future.get(remainingNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new DurableDbException("Could not open instance '" + this.key + "'", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw busy();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw busy();
		}
	}

	/** Waits for another operation to end, whether it failed or not. */
	void await(CompletableFuture<?> future) {
		try {
			future.get(remainingNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			// The other operation failed; this one can go ahead.
		}
		catch (TimeoutException ex) {
			throw busy();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw busy();
		}
	}

	InstanceBusyException busy() {
		return new InstanceBusyException(this.key, this.timeout);
	}

}
