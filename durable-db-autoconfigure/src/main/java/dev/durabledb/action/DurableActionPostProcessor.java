package dev.durabledb.action;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

/**
 * Proxies beans that have {@link DurableAction} methods so that they run as actions, and
 * resolves every action as the bean is created, so that an action on an unknown or
 * ambiguous database fails startup with a message naming it.
 */
class DurableActionPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	private final ObjectProvider<ActionDefinitions> definitions;

	private final ActionBeanNames names;

	DurableActionPostProcessor(DurableActionInterceptor interceptor, ObjectProvider<ActionDefinitions> definitions,
			ActionBeanNames names) {
		this.definitions = definitions;
		this.names = names;
		ComposablePointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(DurableAction.class, true))
			.union(AnnotationMatchingPointcut.forMethodAnnotation(DurableAction.class));
		this.advisor = new DefaultPointcutAdvisor(pointcut, interceptor);
		setBeforeExistingAdvisors(true);
		// Action beans are usually injected by class, so proxy the class, not its interfaces.
		setProxyTargetClass(true);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> beanClass = ClassUtils.getUserClass(bean);
		if (ActionDefinitions.hasActions(beanClass)) {
			try {
				this.definitions.getObject().validate(beanClass);
			}
			catch (IllegalStateException ex) {
				throw new IllegalStateException("Bean '" + beanName + "': " + ex.getMessage(), ex);
			}
			this.names.register(bean, beanName);
		}
		return super.postProcessAfterInitialization(bean, beanName);
	}

}
