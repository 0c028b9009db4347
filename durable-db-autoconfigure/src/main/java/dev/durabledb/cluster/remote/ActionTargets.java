package dev.durabledb.cluster.remote;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.durabledb.action.ActionDefinition;
import dev.durabledb.action.ActionDefinitions;
import tools.jackson.databind.type.TypeFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Finds the action a call names, by bean name, method name and the names of its
 * parameter types (which tell overloads apart). Only methods that are actions are found,
 * never another method of the bean or a method of a bean without actions. What was found
 * is kept: the calls of a running application name a fixed set of actions.
 */
final class ActionTargets {

	private final ConfigurableListableBeanFactory beanFactory;

	private final ActionDefinitions definitions;

	private final TypeFactory types;

	private final Map<String, ActionTarget> found = new ConcurrentHashMap<>();

	ActionTargets(ConfigurableListableBeanFactory beanFactory, ActionDefinitions definitions, TypeFactory types) {
		this.beanFactory = beanFactory;
		this.definitions = definitions;
		this.types = types;
	}

	/**
	 * The action {@code methodName(parameterTypes)} of bean {@code beanName}.
	 * @throws BadCallException when there is no such action
	 */
	ActionTarget find(String beanName, String methodName, List<String> parameterTypes) {
		String key = beanName + " " + methodName + parameterTypes;
		ActionTarget target = this.found.get(key);
		if (target == null) {
			target = resolve(beanName, methodName, parameterTypes);
			this.found.put(key, target);
		}
		return target;
	}

	/**
	 * The action {@code method} of bean {@code beanName}.
	 * @throws BadCallException when it is not one
	 */
	ActionTarget find(String beanName, Method method) {
		return find(beanName, method.getName(), Arrays.stream(method.getParameterTypes()).map(Class::getName).toList());
	}

	private ActionTarget resolve(String beanName, String methodName, List<String> parameterTypes) {
		Class<?> type = this.beanFactory.containsBean(beanName) ? this.beanFactory.getType(beanName, false) : null;
		if (type == null) {
			throw new BadCallException("This application has no bean '" + beanName + "'");
		}
		Class<?> beanClass = ClassUtils.getUserClass(type);
		for (Method method : this.definitions.actionMethods(beanClass)) {
			if (method.getName().equals(methodName) && parameterTypes.equals(names(method.getParameterTypes()))) {
				ActionDefinition definition = this.definitions.find(method, beanClass).orElseThrow();
				return new ActionTarget(beanName, definition, ActionSignature.of(method, beanClass, this.types));
			}
		}
		throw new BadCallException("Bean '" + beanName + "' (" + beanClass.getSimpleName() + ") has no action "
				+ methodName + "(" + String.join(", ", parameterTypes) + ")");
	}

	private static List<String> names(Class<?>[] types) {
		return Arrays.stream(types).map(Class::getName).toList();
	}

}
