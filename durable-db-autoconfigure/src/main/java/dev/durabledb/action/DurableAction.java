package dev.durabledb.action;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a method inside one instance of a durable database, in one transaction, with the
 * instance's single writer (or a reader, when {@link #readOnly()}).
 * <p>
 * On a class, every public method of the bean is an action; on a method, it overrides
 * the class's settings. The instance is the current tenant's for a per-tenant database
 * (see {@code Tenants}) and the single shared one for a global database. The method
 * commits when it returns and rolls back when it throws. Its arguments are validated
 * with Bean Validation, when it is present, before the instance is opened.
 * <p>
 * An action called from an action on the same instance joins it. An action on another
 * instance runs on its own, and waits for that instance no longer than the lock timeout,
 * so that cross-instance calls can never deadlock.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DurableAction {

	/**
	 * The database the action runs in. May be left empty on a method to take the class's,
	 * and everywhere when the application has exactly one database.
	 */
	String database() default "";

	/**
	 * Whether the action only reads: it then runs on a reader connection, on a consistent
	 * snapshot, without waiting for writers.
	 */
	boolean readOnly() default false;

}
