package dev.durabledb.tenant;

import java.util.function.Predicate;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

import org.springframework.core.task.TaskDecorator;

/**
 * Runs each task for the tenant bound where it was submitted, or for none when none was
 * bound there, and restores the worker thread's own binding afterwards. Only the tenant
 * travels: other thread-local context (security, tracing, logging) is left to the
 * application's own choice, such as Spring Boot's
 * {@code spring.task.execution.propagate-context}.
 */
final class TenantTaskDecorator implements TaskDecorator {

	private static final Predicate<Object> TENANT = TenantThreadLocalAccessor.KEY::equals;

	// clearMissing: a task submitted with no tenant runs with none, even on a thread that has one.
	private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder()
		.captureKeyPredicate(TENANT)
		.clearMissing(true)
		.build();

	@Override
	public Runnable decorate(Runnable task) {
		ContextSnapshot snapshot = this.snapshots.captureAll();
		return () -> {
			// The predicate again, so that clearing what is missing touches the tenant only.
			try (ContextSnapshot.Scope scope = snapshot.setThreadLocals(TENANT)) {
				task.run();
			}
		};
	}

}
