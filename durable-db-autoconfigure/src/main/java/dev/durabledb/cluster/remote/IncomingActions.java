package dev.durabledb.cluster.remote;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.OptionalLong;

import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.Tenants;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ReflectionUtils;

/**
 * Runs the actions other nodes send to this one: reads the call, checks that it hangs
 * together (the action runs in the database and on the instance the call names) and that
 * this node holds the instance's lease under the epoch the caller found, then calls the action on its bean, that is
 * through the bean's proxy, with the call's tenant bound: validation, the instance's
 * writer or reader and the transaction happen here, as for a local call.
 */
final class IncomingActions {

	private final BeanFactory beanFactory;

	private final ActionTargets targets;

	private final DatabaseCatalog catalog;

	private final LeaseKeeper leases;

	private final JsonMapper mapper;

	IncomingActions(BeanFactory beanFactory, ActionTargets targets, DatabaseCatalog catalog, LeaseKeeper leases,
			JsonMapper mapper) {
		this.beanFactory = beanFactory;
		this.targets = targets;
		this.catalog = catalog;
		this.leases = leases;
		this.mapper = mapper;
	}

	/**
	 * Reads a call and checks it names an instance its action runs on.
	 * @throws BadCallException when it is not a call of an action of this application, or
	 * names another instance than the one its action would run on
	 */
	ActionCall read(byte[] body) {
		ActionCall call = ActionCall.read(body, this.mapper, this.targets);
		String database = call.target().definition().database();
		if (!database.equals(call.key().database())) {
			throw new BadCallException("Action " + call.target().definition().name() + " runs in database '" + database
					+ "', not '" + call.key().database() + "'");
		}
		DatabaseDefinition definition = this.catalog.get(database);
		boolean matches = definition.isPerTenant() ? call.key().instance().equals(call.tenant())
				: InstanceKey.GLOBAL.equals(call.key().instance());
		if (!matches) {
			throw new BadCallException("Action " + call.target().definition().name() + " with tenant '" + call.tenant()
					+ "' does not run on instance '" + call.key() + "'");
		}
		return call;
	}

	/**
	 * Runs {@code call} and returns its result, or throws what the action threw.
	 * @throws NotOwnerException when this node does not hold the instance's lease under
	 * the call's epoch
	 */
	@Nullable Object run(ActionCall call) throws Throwable {
		OptionalLong epoch = this.leases.epoch(call.key());
		if (epoch.isEmpty() || epoch.getAsLong() != call.epoch()) {
			throw new NotOwnerException(call.key(), this.leases.nodeId());
		}
		Object bean = this.beanFactory.getBean(call.target().beanName());
		Method method = call.target().signature().method();
		ReflectionUtils.makeAccessible(method);
		if (call.tenant() == null) {
			return invoke(bean, method, call.arguments());
		}
		return Tenants.call(call.tenant(), () -> invoke(bean, method, call.arguments()));
	}

	/** Writes an action's result as the caller reads it. */
	byte[] writeResult(ActionCall call, @Nullable Object result) {
		return this.mapper.writerFor(call.target().signature().result()).writeValueAsBytes(result);
	}

	private static @Nullable Object invoke(Object bean, Method method, @Nullable Object[] arguments) throws Throwable {
		try {
			return method.invoke(bean, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable thrown = ex.getTargetException();
			throw (thrown instanceof UndeclaredThrowableException undeclared && undeclared.getCause() != null)
					? undeclared.getCause() : thrown;
		}
	}

}
