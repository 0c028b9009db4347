package dev.durabledb.tenant;

import io.micrometer.context.ContextSnapshotFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Auto-configuration that lets the bound tenant follow work handed to other threads: a
 * {@link TaskDecorator} bean, which Spring Boot applies to the executor behind
 * {@code @Async} methods and to the scheduler it auto-configures, so that a task runs for
 * the tenant bound where it was submitted. It needs Micrometer's context propagation
 * library (the starter brings it), is on unless
 * {@code durable-db.tenant.propagate-context=false}, and backs off when the application
 * propagates context itself with a {@link ContextPropagatingTaskDecorator} (its own
 * bean, or Spring Boot's {@code spring.task.execution.propagate-context=true}), which
 * carries the tenant as well through {@link TenantThreadLocalAccessor}.
 */
// After Boot's task execution, whose ContextPropagatingTaskDecorator (when asked for) this backs off for.
@AutoConfiguration(after = TaskExecutionAutoConfiguration.class)
@ConditionalOnClass({ ContextSnapshotFactory.class, ContextPropagatingTaskDecorator.class })
@ConditionalOnBooleanProperty(name = "durable-db.tenant.propagate-context", matchIfMissing = true)
public final class DurableDbTenantContextAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ContextPropagatingTaskDecorator.class)
	TaskDecorator durableDbTenantTaskDecorator() {
		return new TenantTaskDecorator();
	}

}
