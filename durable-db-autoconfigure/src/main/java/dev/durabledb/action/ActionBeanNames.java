package dev.durabledb.action;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.TargetSource;
import org.springframework.aop.framework.Advised;

/**
 * The bean name of each action bean, by the object its methods run on, so that a call can
 * name its bean to another node (bean names are the same on every node of an
 * application; objects are not).
 */
final class ActionBeanNames {

	private final Map<Object, String> names = Collections.synchronizedMap(new IdentityHashMap<>());

	/** Records {@code bean} (perhaps already a proxy) as bean {@code name}. */
	void register(Object bean, String name) {
		this.names.put(target(bean), name);
	}

	/** The name of the bean whose target is {@code target}, if it was registered. */
	@Nullable String find(@Nullable Object target) {
		return (target != null) ? this.names.get(target) : null;
	}

	private static Object target(Object bean) {
		if (bean instanceof Advised advised) {
			TargetSource source = advised.getTargetSource();
			if (source.isStatic()) {
				try {
					Object target = source.getTarget();
					if (target != null) {
						return target;
					}
				}
				catch (Exception ex) {
					// Not a plain singleton target: the proxy itself stands for it.
				}
			}
		}
		return bean;
	}

}
