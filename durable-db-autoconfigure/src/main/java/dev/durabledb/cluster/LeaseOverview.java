package dev.durabledb.cluster;

import java.time.Instant;
import java.util.List;

/**
 * The lease table as the database saw it at one moment: its totals, the nodes its rows
 * name, and a page of its rows. All of it was read in one transaction, so the parts agree,
 * and every {@code live} in it was judged by the database's clock at {@code at}.
 *
 * @param at the database's clock when it answered
 * @param totalLeases rows in the table: instances any node ever acquired
 * @param liveLeases rows held now (owned and not expired)
 * @param totalNodes nodes the rows name, live or not
 * @param nodes those nodes, the ones holding live leases first, then by id; at most
 * {@link LeaseInspector#MAX_NODES}
 * @param leases the page of rows asked for, in database and instance order
 */
public record LeaseOverview(Instant at, long totalLeases, long liveLeases, long totalNodes, List<NodeLeases> nodes,
		List<Lease> leases) {

	public LeaseOverview {
		nodes = List.copyOf(nodes);
		leases = List.copyOf(leases);
	}

}
