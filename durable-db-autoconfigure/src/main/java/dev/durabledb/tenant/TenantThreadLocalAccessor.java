package dev.durabledb.tenant;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * The bound tenant ({@link Tenants}) as Micrometer's context propagation library sees it,
 * so that it follows work handed to other threads: tasks of an executor or scheduler
 * decorated with Spring's {@code ContextPropagatingTaskDecorator} (or the starter's own,
 * see {@code durable-db.tenant.propagate-context}), executors wrapped with
 * {@code ContextExecutorService.wrap}, and Reactor chains once
 * {@code Hooks.enableAutomaticContextPropagation()} is on. The library finds it through
 * {@link java.util.ServiceLoader}: nothing registers it by hand.
 * <p>
 * A reactive chain that has no thread to capture the tenant from writes it in its context
 * under {@link #KEY}:
 *
 * <pre class="code">
 * Mono.fromCallable(notes::bodies)
 *     .subscribeOn(Schedulers.boundedElastic())
 *     .contextWrite(Context.of(TenantThreadLocalAccessor.KEY, "acme"));
 * </pre>
 */
public final class TenantThreadLocalAccessor implements ThreadLocalAccessor<String> {

	/** The key of the tenant id in a context snapshot or a Reactor context. */
	public static final String KEY = "durable-db.tenant";

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable String getValue() {
		return Tenants.current().orElse(null);
	}

	@Override
	public void setValue(String tenantId) {
		Tenants.set(tenantId);
	}

	@Override
	public void setValue() {
		Tenants.set(null);
	}

	@Override
	public void restore(String previousTenantId) {
		Tenants.set(previousTenantId);
	}

	@Override
	public void restore() {
		// No tenant was bound before the scope: none is left behind on a pooled thread.
		Tenants.set(null);
	}

}
