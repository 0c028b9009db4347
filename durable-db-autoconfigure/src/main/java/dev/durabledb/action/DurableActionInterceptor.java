package dev.durabledb.action;

import java.lang.reflect.Method;
import java.util.Optional;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

/**
 * Runs {@link DurableAction} methods through the {@link ActionRunner}, after validating
 * their arguments. Collaborators are looked up on the first call: this interceptor is
 * created with the bean post-processors, before the beans it needs.
 */
final class DurableActionInterceptor implements MethodInterceptor {

	private final ObjectProvider<ActionDefinitions> definitions;

	private final ObjectProvider<ActionRunner> runner;

	private final ObjectProvider<ArgumentValidator> validator;

	private final ActionBeanNames names;

	private volatile Collaborators collaborators;

	DurableActionInterceptor(ObjectProvider<ActionDefinitions> definitions, ObjectProvider<ActionRunner> runner,
			ObjectProvider<ArgumentValidator> validator, ActionBeanNames names) {
		this.definitions = definitions;
		this.runner = runner;
		this.validator = validator;
		this.names = names;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Method method = invocation.getMethod();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
		Collaborators collaborators = collaborators();
		Optional<ActionDefinition> found = collaborators.definitions().find(method, targetClass);
		if (found.isEmpty()) {
			return invocation.proceed();
		}
		ActionDefinition action = found.get();
		if (collaborators.validator() != null && target != null) {
			collaborators.validator()
				.validate(target, ClassUtils.getMostSpecificMethod(method, targetClass), invocation.getArguments(),
						action.name());
		}
		ActionRunner runner = collaborators.runner();
		// Only a router needs the bean and method, to send the call to another node.
		ActionRunner.Invocation how = runner.isRouted()
				? new ActionRunner.Invocation(this.names.find(target), ClassUtils.getMostSpecificMethod(method, targetClass),
						invocation.getArguments())
				: ActionRunner.Invocation.LOCAL_ONLY;
		return runner.run(action, invocation::proceed, how);
	}

	/** Looked up once: a bean factory lookup on every call would cost more than the action. */
	private Collaborators collaborators() {
		Collaborators collaborators = this.collaborators;
		if (collaborators == null) {
			collaborators = new Collaborators(this.definitions.getObject(), this.runner.getObject(),
					this.validator.getIfAvailable());
			this.collaborators = collaborators;
		}
		return collaborators;
	}

	private record Collaborators(ActionDefinitions definitions, ActionRunner runner, @Nullable ArgumentValidator validator) {
	}

}
