/**
 * Where actions run when several application instances share the tenants: on the node
 * that holds their instance's lease. {@code OwnerRouter}
 * acquires the lease of an instance nobody holds (taking the instance over from the
 * replica store first), runs the action here when this node holds it, and sends it to the
 * holder otherwise; a write is acknowledged only while this node's lease is still valid.
 * {@link dev.durabledb.cluster.routing.RoutingListener} beans are told of takeovers and
 * remote calls (the metrics).
 */
@NullMarked
package dev.durabledb.cluster.routing;

import org.jspecify.annotations.NullMarked;
