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
public final class DurableActionInterceptor implements MethodInterceptor {

	private final ObjectProvider<ActionDefinitions> definitions;

	private final ObjectProvider<ActionRunner> runner;

	private final ObjectProvider<ArgumentValidator> validator;

	public DurableActionInterceptor(ObjectProvider<ActionDefinitions> definitions, ObjectProvider<ActionRunner> runner,
			ObjectProvider<ArgumentValidator> validator) {
		this.definitions = definitions;
		this.runner = runner;
		this.validator = validator;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Method method = invocation.getMethod();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
		Optional<ActionDefinition> found = this.definitions.getObject().find(method, targetClass);
		if (found.isEmpty()) {
			return invocation.proceed();
		}
		ActionDefinition action = found.get();
		ArgumentValidator validator = this.validator.getIfAvailable();
		if (validator != null && target != null) {
			validator.validate(target, ClassUtils.getMostSpecificMethod(method, targetClass), invocation.getArguments(),
					action.name());
		}
		return this.runner.getObject().run(action, invocation::proceed);
	}

}
