package dev.durabledb.tenant;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Decides the tenant of an HTTP request. Declare a bean of this type to replace the
 * built-in resolvers (for example to take the tenant from the authenticated principal).
 * The value returned is validated when an action uses it.
 */
@FunctionalInterface
public interface TenantResolver {

	/** Returns the tenant id the request names, or {@code null} when it names none. */
	@Nullable String resolve(HttpServletRequest request);

}
