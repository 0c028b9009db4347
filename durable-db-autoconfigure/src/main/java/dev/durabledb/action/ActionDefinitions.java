package dev.durabledb.action;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Applications do not need it; other parts of durable-db (the cluster's remote calls) ask
 * it which methods are actions.
 */
public final class ActionDefinitions {

	private final DatabaseCatalog catalog;

	private final Map<MethodClassKey, Optional<ActionDefinition>> byInvocation = new ConcurrentHashMap<>();

	private final Map<Method, Optional<ActionDefinition>> cache = new ConcurrentHashMap<>();

	ActionDefinitions(DatabaseCatalog catalog) {
		this.catalog = catalog;
	}

	/** The action a method of {@code targetClass} is, or empty if it is not one. */
	public Optional<ActionDefinition> find(Method method, Class<?> targetClass) {
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

	/**
	 * Every action method of {@code beanClass}, public or not, each once (the most specific
	 * declaration), ordered by name and parameter types.
	 * @throws IllegalStateException naming the method when one runs in an unknown or
	 * ambiguous database
	 */
	public List<Method> actionMethods(Class<?> beanClass) {
		if (!hasActions(beanClass)) {
			return List.of();
		}
		Set<Method> methods = new LinkedHashSet<>();
		ReflectionUtils.doWithMethods(beanClass, (method) -> {
			Method specific = ClassUtils.getMostSpecificMethod(method, beanClass);
			if (find(specific, beanClass).isPresent()) {
				methods.add(specific);
			}
		}, (method) -> method.getDeclaringClass() != Object.class && !method.isBridge() && !method.isSynthetic()
				&& !Modifier.isStatic(method.getModifiers()));
		List<Method> sorted = new ArrayList<>(methods);
		sorted.sort(Comparator.comparing(Method::getName).thenComparing(ActionDefinitions::parameterNames));
		return sorted;
	}

	/** Whether {@code beanClass} or one of its methods carries {@link DurableAction}. */
	static boolean hasActions(Class<?> beanClass) {
		if (AnnotatedElementUtils.hasAnnotation(beanClass, DurableAction.class)) {
			return true;
		}
		boolean[] found = { false };
		ReflectionUtils.doWithMethods(beanClass, (method) -> found[0] = true,
				(method) -> !found[0] && AnnotatedElementUtils.hasAnnotation(method, DurableAction.class));
		return found[0];
	}

	private static String parameterNames(Method method) {
		StringBuilder names = new StringBuilder();
		for (Class<?> type : method.getParameterTypes()) {
			names.append(type.getName()).append(',');
		}
		return names.toString();
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
