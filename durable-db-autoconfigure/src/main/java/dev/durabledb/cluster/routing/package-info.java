/**
 * Where actions run when several application instances share the tenants: on the node
 * that holds their instance's lease. {@link dev.durabledb.cluster.routing.OwnerRouter}
 * acquires the lease of an instance nobody holds (taking the instance over from the
 * replica store first), runs the action here when this node holds it, and sends it to the
 * holder otherwise; a write is acknowledged only while this node's lease is still valid.
 */
@NullMarked
package dev.durabledb.cluster.routing;

import org.jspecify.annotations.NullMarked;
