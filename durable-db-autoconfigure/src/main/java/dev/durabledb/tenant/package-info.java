/**
 * Tenants: binding the current tenant ({@link dev.durabledb.tenant.Tenants}), resolving it
 * from a request, validating ids, and listing, creating and deleting tenants
 * ({@link dev.durabledb.tenant.TenantDirectory}).
 */
@NullMarked
package dev.durabledb.tenant;

import org.jspecify.annotations.NullMarked;
