package dev.durabledb.action;

import java.lang.reflect.Method;

import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceTransactions;
import dev.durabledb.tenant.TenantIdPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Runs code as an action: resolves the instance (the current tenant's, or the global
 * one) and runs the code in one transaction of it, which commits when the code returns
 * and rolls back when it throws. An action on an instance this thread is already in
 * joins that action.
 * <p>
 * {@code @DurableAction} methods go through here; code can also call it directly:
 *
 * <pre class="code">
 * int count = runner.read("main", () -&gt; db.jdbcClient().sql("select count(*) from users").query(Integer.class).single());
 * </pre>
 */
public final class ActionRunner {

	private final DatabaseCatalog catalog;

	private final InstanceTransactions transactions;

	private final TenantIdPolicy tenantIds;

	private final ActionScope scope;

	private final ActionListener listener;

	private final @Nullable ActionRouter router;

	ActionRunner(DatabaseCatalog catalog, InstanceTransactions transactions, TenantIdPolicy tenantIds,
			ActionScope scope, ActionListener listener, @Nullable ActionRouter router) {
		this.catalog = catalog;
		this.transactions = transactions;
		this.tenantIds = tenantIds;
		this.scope = scope;
		this.listener = listener;
		this.router = router;
	}

	/**
	 * Runs {@code work} as a write action on {@code database}. It throws what {@code work}
	 * throws; its own failures (busy, tenant not found...) are unchecked.
	 */
	public <T, E extends Throwable> T write(String database, ActionWork<T, E> work) throws E {
		return propagate(new ActionDefinition(database, false, "write"), work);
	}

	/**
	 * Runs {@code work} as a read-only action on {@code database}. It throws what
	 * {@code work} throws; its own failures (busy, tenant not found...) are unchecked.
	 */
	public <T, E extends Throwable> T read(String database, ActionWork<T, E> work) throws E {
		return propagate(new ActionDefinition(database, true, "read"), work);
	}

	/**
	 * Runs {@code work} as {@code action}. Only {@code work} throws checked exceptions
	 * ({@code E}); what the runner itself throws is unchecked, so the cast is exact.
	 */
	@SuppressWarnings("unchecked")
	private <T, E extends Throwable> T propagate(ActionDefinition action, ActionWork<T, E> work) throws E {
		try {
			return run(action, work::run, Invocation.LOCAL_ONLY);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw (E) ex;
		}
	}

	/** Whether a router decides where actions run (several application instances). */
	boolean isRouted() {
		return this.router != null;
	}

	/**
	 * Runs {@code body} as {@code action}: joins an action already running on its
	 * instance on this thread, or runs here or where the {@link ActionRouter} sends it.
	 */
	@SuppressWarnings("unchecked")
	<T> T run(ActionDefinition action, ActionBody<T> body, Invocation invocation) throws Throwable {
		InstanceKey key = this.tenantIds.currentInstanceKey(this.catalog.get(action.database()));
		ActionScope.Frame running = this.scope.find(key);
		if (running != null) {
			if (running.readOnly() && !action.readOnly()) {
				throw new IllegalStateException("Write action " + action.name()
						+ " was called from a read-only action on the same instance '" + key + "'");
			}
			return body.run();
		}
		if (this.router == null) {
			return runHere(key, action, body);
		}
		ActionRouter.Call call = new ActionRouter.Call(key, action.name(), action.readOnly(), invocation.beanName(),
				invocation.method(), invocation.arguments());
		return (T) this.router.route(call, () -> runHere(key, action, body));
	}

	private <T> T runHere(InstanceKey key, ActionDefinition action, ActionBody<T> body) throws Throwable {
		long start = System.nanoTime();
		ActionListener.Outcome outcome = ActionListener.Outcome.ERROR;
		try {
			T result = this.transactions.run(key, action.readOnly(),
					(connection) -> this.scope.runInFrame(key, connection, action.readOnly(), body));
			outcome = ActionListener.Outcome.SUCCESS;
			return result;
		}
		catch (InstanceBusyException ex) {
			outcome = ActionListener.Outcome.BUSY;
			throw ex;
		}
		finally {
			this.listener.actionFinished(action, outcome, System.nanoTime() - start);
		}
	}

	/**
	 * Code that runs as an action.
	 *
	 * @param <T> what it returns
	 * @param <E> what it may throw
	 */
	@FunctionalInterface
	public interface ActionWork<T, E extends Throwable> {

		T run() throws E;

	}

	/**
	 * How an action was called, for a router that may send it to another node.
	 *
	 * @param beanName the action bean's name; {@code null} for code run directly
	 * @param method the action method; {@code null} for code run directly
	 * @param arguments its arguments
	 */
	record Invocation(@Nullable String beanName, @Nullable Method method, @Nullable Object[] arguments) {

		/** Code run through the runner directly: it can run only here. */
		static final Invocation LOCAL_ONLY = new Invocation(null, null, new Object[0]);

	}

	/** An action's code as the proxies and the scope see it: anything may come out. */
	@FunctionalInterface
	interface ActionBody<T> {

		T run() throws Throwable;

	}

}
