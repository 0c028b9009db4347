package dev.durabledb.action;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;

import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Resolves {@link DurableAction} annotations to {@link ActionDefinition}s, once per method.
 */
final class ActionDefinitions {

	private final DatabaseCatalog catalog;

	private final Map<MethodClassKey, Optional<ActionDefinition>> byInvocation = new ConcurrentHashMap<>();

	private final Map<Method, Optional<ActionDefinition>> cache = new ConcurrentHashMap<>();

	ActionDefinitions(DatabaseCatalog catalog) {
		this.catalog = catalog;
	}

	/** The action a method of {@code targetClass} is, or empty if it is not one. */
	Optional<ActionDefinition> find(Method method, Class<?> targetClass) {
		MethodClassKey key = new MethodClassKey(method, targetClass);
		Optional<ActionDefinition> found = this.byInvocation.get(key);
		if (found == null) {
			Method specific = ClassUtils.getMostSpecificMethod(method, targetClass);
			found = this.cache.computeIfAbsent(specific, (m) -> Optional.ofNullable(resolve(m, targetClass)));
			this.byInvocation.put(key, found);
		}
		return found;
	}

	/**
	 * Resolves every action of {@code beanClass}, so that an action on an unknown or
	 * ambiguous database fails the application's startup rather than its first call.
	 * @throws IllegalStateException naming the method and the database
	 */
	void validate(Class<?> beanClass) {
		ReflectionUtils.doWithMethods(beanClass, (method) -> find(method, beanClass),
				(method) -> method.getDeclaringClass() != Object.class);
	}

	private ActionDefinition resolve(Method method, Class<?> targetClass) {
		DurableAction onMethod = AnnotatedElementUtils.findMergedAnnotation(method, DurableAction.class);
		DurableAction onClass = AnnotatedElementUtils.findMergedAnnotation(targetClass, DurableAction.class);
		if (onMethod == null && (onClass == null || !isPublicInstanceMethod(method))) {
			return null;
		}
		String name = ClassUtils.getUserClass(targetClass).getSimpleName() + "." + method.getName();
		String database = !isEmpty(onMethod) ? onMethod.database()
				: (onClass != null && !onClass.database().isEmpty()) ? onClass.database() : null;
		boolean readOnly = (onMethod != null) ? onMethod.readOnly() : onClass.readOnly();
		return new ActionDefinition(databaseFor(database, name), readOnly, name);
	}

	private String databaseFor(String database, String action) {
		if (database == null) {
			return this.catalog.single()
				.map(DatabaseDefinition::name)
				.orElseThrow(() -> new DurableDbConfigurationException("Action " + action
						+ " names no database and the application has " + this.catalog.all().size() + " databases "
						+ this.catalog.asMap().keySet(), "Set @DurableAction(database = \"...\") on it or its class"));
		}
		if (this.catalog.find(database).isEmpty()) {
			throw new DurableDbConfigurationException("Action " + action + " runs in database '" + database
					+ "', which is not declared; known databases: " + this.catalog.asMap().keySet(),
					"Add db/durable/" + database + "/changelog.yaml or durable-db.databases." + database);
		}
		return database;
	}

	private static boolean isEmpty(DurableAction annotation) {
		return annotation == null || annotation.database().isEmpty();
	}

	private static boolean isPublicInstanceMethod(Method method) {
		int modifiers = method.getModifiers();
		return Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && method.getDeclaringClass() != Object.class
				&& !method.isBridge() && !method.isSynthetic();
	}

}
