package dev.durabledb.tenant;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The tenant bound to the current thread. Web requests are bound by the starter's filter;
 * code outside a request (jobs, schedulers, tests) binds one explicitly:
 *
 * <pre class="code">
 * Tenants.run("acme", () -&gt; users.create(user));
 * List&lt;User&gt; all = Tenants.call("acme", () -&gt; users.list(10));
 * </pre>
 *
 * The id is validated where it is used, when an action resolves its instance. Tasks
 * handed to the executor and scheduler that Spring Boot auto-configures run for the tenant
 * bound where they were submitted ({@link TenantThreadLocalAccessor}).
 */
public final class Tenants {

	private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	private Tenants() {
	}

	/** The tenant bound to this thread, if any. */
	public static Optional<String> current() {
		return Optional.ofNullable(CURRENT.get());
	}

	/**
	 * Runs {@code work} with {@code tenantId} bound, then restores what was bound before.
	 * It throws what {@code work} throws, and nothing else a caller must catch.
	 */
	public static <E extends Throwable> void run(String tenantId, TenantRunnable<E> work) throws E {
		try (Binding binding = bind(tenantId)) {
			work.run();
		}
	}

	/**
	 * Calls {@code work} with {@code tenantId} bound, then restores what was bound before.
	 * It throws what {@code work} throws, and nothing else a caller must catch, so calls
	 * compose: {@code Tenants.call("acme", () -> runner.read("main", users::count))}.
	 */
	public static <T, E extends Throwable> T call(String tenantId, TenantCallable<T, E> work) throws E {
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

	/**
	 * Binds {@code tenantId}, or unbinds the tenant when it is {@code null}, with no way back:
	 * for {@link TenantThreadLocalAccessor}, whose caller restores what it replaced.
	 */
	static void set(@Nullable String tenantId) {
		if (tenantId == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(tenantId);
		}
	}

	/**
	 * Code run with a tenant bound.
	 *
	 * @param <E> what it may throw
	 */
	@FunctionalInterface
	public interface TenantRunnable<E extends Throwable> {

		void run() throws E;

	}

	/**
	 * Code called with a tenant bound.
	 *
	 * @param <T> what it returns
	 * @param <E> what it may throw
	 */
	@FunctionalInterface
	public interface TenantCallable<T, E extends Throwable> {

		T call() throws E;

	}

	/** A tenant bound to the current thread, restored to the previous one on close. */
	public static final class Binding implements AutoCloseable {

		private final @Nullable String previous;

		private Binding(@Nullable String previous) {
			this.previous = previous;
		}

		@Override
		public void close() {
			set(this.previous);
		}

	}

}
