package dev.durabledb.action;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Makes JDK proxies of one interface through the proxy class's constructor, looked up
 * once: {@link Proxy#newProxyInstance} looks the class up again on every call, and actions
 * make two proxies each.
 */
final class ProxyFactory<T> {

	private final Class<T> type;

	private final Constructor<?> constructor;

	ProxyFactory(Class<T> type) {
		this.type = type;
		Object sample = Proxy.newProxyInstance(ProxyFactory.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> null);
		try {
			this.constructor = sample.getClass().getConstructor(InvocationHandler.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	T create(InvocationHandler handler) {
		try {
			return this.type.cast(this.constructor.newInstance(handler));
		}
		catch (InstantiationException | IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Could not create a proxy of " + this.type.getName(), ex);
		}
	}

}
