package dev.durabledb.action;

import java.lang.reflect.Method;

import dev.durabledb.instance.InstanceKey;
import org.jspecify.annotations.Nullable;

/**
 * Decides where an action runs when several application instances share the tenants:
 * here, or on the node that owns its instance. One bean of this type, when present, sees
 * every action that does not join an action already running on its instance on this
 * thread. The cluster mode provides it; single-node applications have none.
 */
public interface ActionRouter {

	/**
	 * Runs {@code call} here, through {@code here}, or elsewhere, and returns its result or
	 * throws what it threw.
	 */
	@Nullable Object route(Call call, Here here) throws Throwable;

	/**
	 * An action about to run.
	 *
	 * @param key the instance it runs on
	 * @param action its name, for messages
	 * @param readOnly whether it only reads
	 * @param beanName the name of its bean; {@code null} for code run through the
	 * {@link ActionRunner} directly, which cannot run elsewhere
	 * @param method the action method; {@code null} with {@code beanName}
	 * @param arguments its arguments
	 */
	record Call(InstanceKey key, String action, boolean readOnly, @Nullable String beanName, @Nullable Method method,
			@Nullable Object[] arguments) {

		/** Whether the call can be sent to another node: it names an action bean's method. */
		public boolean isRemotable() {
			return this.beanName != null && this.method != null;
		}

	}

	/** Runs the action on this node. */
	@FunctionalInterface
	interface Here {

		@Nullable Object run() throws Throwable;

	}

}
