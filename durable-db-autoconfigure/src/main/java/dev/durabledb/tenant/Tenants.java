package dev.durabledb.tenant;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The tenant bound to the current thread. Web requests are bound by the starter's filter;
 * code outside a request (jobs, schedulers, tests) binds one explicitly:
 *
 * <pre class="code">
 * Tenants.run("acme", () -&gt; users.create(user));
 * List&lt;User&gt; all = Tenants.call("acme", () -&gt; users.list(10));
 * </pre>
 *
 * The id is validated where it is used, when an action resolves its instance.
 */
public final class Tenants {

	private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	private Tenants() {
	}

	/** The tenant bound to this thread, if any. */
	public static Optional<String> current() {
		return Optional.ofNullable(CURRENT.get());
	}

	/** Runs {@code work} with {@code tenantId} bound, then restores what was bound before. */
	public static void run(String tenantId, Runnable work) {
		try (Binding binding = bind(tenantId)) {
			work.run();
		}
	}

	/**
	 * Calls {@code work} with {@code tenantId} bound, then restores what was bound before.
	 * Checked exceptions are thrown as they are.
	 */
	public static <T> T call(String tenantId, Callable<T> work) throws Exception {
		try (Binding binding = bind(tenantId)) {
			return work.call();
		}
	}

	/**
	 * Binds {@code tenantId} until the returned binding is closed; use it in a
	 * try-with-resources block.
	 */
	public static Binding bind(String tenantId) {
		if (tenantId == null) {
			throw new IllegalArgumentException("tenantId must not be null");
		}
		String previous = CURRENT.get();
		CURRENT.set(tenantId);
		return new Binding(previous);
	}

	/** A tenant bound to the current thread, restored to the previous one on close. */
	public static final class Binding implements AutoCloseable {

		private final String previous;

		private Binding(String previous) {
			this.previous = previous;
		}

		@Override
		public void close() {
			if (this.previous == null) {
				CURRENT.remove();
			}
			else {
				CURRENT.set(this.previous);
			}
		}

	}

}
