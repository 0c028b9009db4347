package dev.durabledb.action;

import java.sql.SQLException;
import java.time.Duration;

import dev.durabledb.DurableDbException;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.Instance;
import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.instance.PooledConnection;
import dev.durabledb.tenant.MissingTenantException;
import dev.durabledb.tenant.TenantIdPolicy;
import dev.durabledb.tenant.Tenants;

/**
 * Runs code as an action: resolves the instance (the current tenant's, or the global
 * one), takes its writer lock or a reader within the lock timeout, and runs the code in
 * one transaction ({@code BEGIN IMMEDIATE} for writers) that commits when it returns and
 * rolls back when it throws. An action on an instance this thread is already in joins
 * that action.
 * <p>
 * {@code @DurableAction} methods go through here; code can also call it directly:
 *
 * <pre class="code">
 * int count = runner.read("main", () -&gt; db.jdbcClient().sql("select count(*) from users").query(Integer.class).single());
 * </pre>
 */
public final class ActionRunner {

	private final DatabaseCatalog catalog;

	private final InstanceRegistry registry;

	private final TenantIdPolicy tenantIds;

	private final ActionScope scope;

	private final ActionObserver observer;

	private final WriteObserver writes;

	private final long lockTimeoutNanos;

	public ActionRunner(DatabaseCatalog catalog, InstanceRegistry registry, TenantIdPolicy tenantIds,
			ActionScope scope, ActionObserver observer, WriteObserver writes, Duration lockTimeout) {
		this.catalog = catalog;
		this.registry = registry;
		this.tenantIds = tenantIds;
		this.scope = scope;
		this.observer = observer;
		this.writes = writes;
		this.lockTimeoutNanos = lockTimeout.toNanos();
	}

	/** Runs {@code body} as a write action on {@code database}. */
	public <T> T write(String database, ActionBody<T> body) throws Throwable {
		return run(new ActionDefinition(database, false, "write"), body);
	}

	/** Runs {@code body} as a read-only action on {@code database}. */
	public <T> T read(String database, ActionBody<T> body) throws Throwable {
		return run(new ActionDefinition(database, true, "read"), body);
	}

	/** Runs {@code body} as {@code action}. */
	public <T> T run(ActionDefinition action, ActionBody<T> body) throws Throwable {
		InstanceKey key = instanceKey(this.catalog.get(action.database()));
		ActionScope.Frame running = this.scope.find(key);
		if (running != null) {
			if (running.readOnly() && !action.readOnly()) {
				throw new IllegalStateException("Write action " + action.name()
						+ " was called from a read-only action on the same instance '" + key + "'");
			}
			return body.run();
		}
		long start = System.nanoTime();
		ActionObserver.Outcome outcome = ActionObserver.Outcome.ERROR;
		try {
			Instance instance = this.registry.acquire(key, !action.readOnly());
			try {
				T result = action.readOnly() ? runReading(instance, key, body) : runWriting(instance, key, body);
				outcome = ActionObserver.Outcome.SUCCESS;
				return result;
			}
			finally {
				this.registry.release(instance);
			}
		}
		catch (InstanceBusyException ex) {
			outcome = ActionObserver.Outcome.BUSY;
			throw ex;
		}
		finally {
			this.observer.finished(action, outcome, System.nanoTime() - start);
		}
	}

	/**
	 * The instance an action on {@code database} runs on now: the current tenant's, or the
	 * global one.
	 */
	public InstanceKey instanceKey(DatabaseDefinition database) {
		if (!database.isPerTenant()) {
			return InstanceKey.global(database.name());
		}
		String tenant = Tenants.current().orElseThrow(() -> new MissingTenantException(database.name()));
		return new InstanceKey(database.name(), this.tenantIds.validate(tenant));
	}

	private <T> T runWriting(Instance instance, InstanceKey key, ActionBody<T> body) throws Throwable {
		PooledConnection writer = lock(instance, key);
		try {
			writer.beginImmediate();
			T result = inFrame(key, writer, false, body);
			try {
				this.writes.beforeCommit(key, writer.connection());
				writer.commit();
			}
			catch (SQLException ex) {
				rollback(writer, ex);
				throw new DurableDbException("Could not commit the action on '" + key + "'", ex);
			}
			this.writes.afterCommit(key);
			return result;
		}
		finally {
			instance.unlockWriter();
		}
	}

	private <T> T runReading(Instance instance, InstanceKey key, ActionBody<T> body) throws Throwable {
		PooledConnection reader = takeReader(instance, key);
		boolean broken = true;
		try {
			reader.beginDeferred();
			T result = inFrame(key, reader, true, body);
			reader.commit();
			broken = false;
			return result;
		}
		finally {
			instance.giveBackReader(reader, broken);
		}
	}

	private <T> T inFrame(InstanceKey key, PooledConnection connection, boolean readOnly, ActionBody<T> body)
			throws Throwable {
		ActionScope.Frame frame = this.scope.enter(key, connection, readOnly);
		try {
			return body.run();
		}
		catch (Throwable ex) {
			rollback(connection, ex);
			throw ex;
		}
		finally {
			this.scope.exit(frame);
		}
	}

	private PooledConnection lock(Instance instance, InstanceKey key) throws SQLException {
		return waitFor(key, instance::lockWriter);
	}

	private PooledConnection takeReader(Instance instance, InstanceKey key) throws SQLException {
		return waitFor(key, instance::takeReader);
	}

	/** Waits up to the lock timeout for a connection; busy if none came, or if interrupted. */
	private PooledConnection waitFor(InstanceKey key, ConnectionWait wait) throws SQLException {
		try {
			PooledConnection connection = wait.within(this.lockTimeoutNanos);
			if (connection != null) {
				return connection;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new InstanceBusyException(key, Duration.ofNanos(this.lockTimeoutNanos));
	}

	@FunctionalInterface
	private interface ConnectionWait {

		PooledConnection within(long timeoutNanos) throws InterruptedException, SQLException;

	}

	private static void rollback(PooledConnection connection, Throwable cause) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			cause.addSuppressed(ex);
		}
	}

	/** Code that runs as an action. */
	@FunctionalInterface
	public interface ActionBody<T> {

		T run() throws Throwable;

	}

}
