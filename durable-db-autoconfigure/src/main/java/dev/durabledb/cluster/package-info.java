/**
 * Several application instances sharing the tenants: leases here, action calls between
 * nodes in {@code dev.durabledb.cluster.remote}, where actions run (and takeovers) in
 * {@code dev.durabledb.cluster.routing}. Each
 * instance file has at most one owner node, recorded as a lease in a table of the
 * application's own PostgreSQL database and judged by that database's clock: a lease lasts
 * a TTL unless its owner renews it, and every acquisition gives it a higher epoch (a
 * fencing token). {@code LeaseTable} holds the SQL; {@link dev.durabledb.cluster.LeaseKeeper}
 * is this node's side: the leases it holds, until when it may still act on each (on its
 * monotonic clock, a safety margin before the database lets them expire), and the renewal
 * rounds, one statement each, that a single thread runs;
 * {@link dev.durabledb.cluster.LeaseInspector} reads the table for operators.
 */
@NullMarked
package dev.durabledb.cluster;

import org.jspecify.annotations.NullMarked;
