/**
 * Action calls between the nodes of a cluster, Durable Objects style (what routing, in
 * {@code dev.durabledb.cluster.routing}, uses). {@link dev.durabledb.cluster.remote.RemoteActionClient}
 * sends an action (database, instance, tenant, bean, method and arguments, as JSON through
 * the application's mapper) to the node that holds the instance's lease; that node's
 * endpoint, {@code POST /durable-db/cluster/actions}, checks the call's HMAC signature,
 * timestamp and nonce, runs the action through the bean's proxy with the tenant bound, and
 * answers the result, or the failure, which the caller rethrows as the same kind of
 * exception. At startup, every action's parameters and result are checked to travel as
 * JSON.
 */
@NullMarked
package dev.durabledb.cluster.remote;

import org.jspecify.annotations.NullMarked;
