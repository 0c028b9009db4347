package dev.durabledb.actuate;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import dev.durabledb.cluster.Lease;
import dev.durabledb.cluster.LeaseInspector;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.cluster.LeaseOverview;
import dev.durabledb.cluster.LeaseStoreException;
import dev.durabledb.cluster.NodeLeases;
import dev.durabledb.instance.InstanceKey;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code durabledbcluster} actuator endpoint, in cluster mode: this node (id, URL,
 * whether its renewals keep its leases, last renewal, leases held), the nodes the lease
 * table names, and a page of the leases, each with its owner, epoch and expiry; or the
 * lease on one instance. It only reads: nothing is acquired, renewed or released by
 * looking.
 * <p>
 * An endpoint of its own rather than a part of {@code durabledb}: it reads the lease table
 * in PostgreSQL, not the data dir, so the overview of {@code durabledb} stays a look at
 * local files that works while PostgreSQL is down; {@code durabledb/{database}} already
 * names databases, so a {@code cluster} path there could collide with a database of that
 * name; and it exists only in cluster mode, exposed and allowed on its own
 * ({@code management.endpoint.durabledbcluster.access}), as {@code durabledbarchive} is.
 */
@WebEndpoint(id = "durabledbcluster", defaultAccess = Access.READ_ONLY)
public class DurableDbClusterEndpoint {

	private final LeaseKeeper keeper;

	private final LeaseInspector inspector;

	DurableDbClusterEndpoint(LeaseKeeper keeper, LeaseInspector inspector) {
		this.keeper = keeper;
		this.inspector = inspector;
	}

	/** This node, the nodes the lease table names, and a page of the leases. */
	@ReadOperation
	public WebEndpointResponse<Object> cluster(@Nullable Integer page, @Nullable Integer size) {
		try {
			int pageSize = (size != null) ? size : DurableDbEndpoint.DEFAULT_PAGE_SIZE;
			int pageNumber = (page != null) ? page : 0;
			if (pageSize < 1 || pageSize > DurableDbEndpoint.MAX_PAGE_SIZE || pageNumber < 0) {
				throw EndpointProblem
					.badRequest("page must be 0 or more and size between 1 and " + DurableDbEndpoint.MAX_PAGE_SIZE);
			}
			NodeDescriptor node = new NodeDescriptor(this.keeper.nodeId(), this.keeper.advertisedUrl(),
					this.keeper.healthy(), this.keeper.lastRenewal().orElse(null), this.keeper.held());
			LeaseOverview overview = read(() -> this.inspector.overview(pageNumber, pageSize));
			List<NodeSummary> nodes = overview.nodes().stream().map(NodeSummary::of).toList();
			List<LeaseDescriptor> leases = overview.leases().stream().map(LeaseDescriptor::of).toList();
			return new WebEndpointResponse<>(new ClusterDescriptor(node, overview.at(), overview.totalNodes(), nodes,
					overview.totalLeases(), overview.liveLeases(), pageNumber, pageSize, leases),
					WebEndpointResponse.STATUS_OK);
		}
		catch (EndpointProblem ex) {
			return ex.response();
		}
	}

	/** The lease on one instance, live or not. */
	@ReadOperation
	public WebEndpointResponse<Object> lease(@Selector String database, @Selector String instance) {
		try {
			InstanceKey key = new InstanceKey(database, instance);
			Lease lease = read(() -> this.inspector.lease(key))
				.orElseThrow(() -> EndpointProblem.notFound("No node ever acquired a lease on '" + key + "'"));
			return new WebEndpointResponse<>(LeaseDescriptor.of(lease), WebEndpointResponse.STATUS_OK);
		}
		catch (EndpointProblem ex) {
			return ex.response();
		}
	}

	/** {@code reading}, a 503 problem when the lease store does not answer. */
	private static <T> T read(Supplier<T> reading) {
		try {
			return reading.get();
		}
		catch (LeaseStoreException ex) {
			// The exception's message names the SQL state only; the cause (with the host) is not shown.
			throw EndpointProblem.of(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, ex.getMessage()
					+ "; this node's own state is in the durableDbCluster health contributor");
		}
	}

	/**
	 * The cluster as this node and the lease table see it.
	 *
	 * @param node this node, from its memory
	 * @param at the database's clock when it answered; every {@code live} was judged then
	 * @param totalNodes nodes the lease table names
	 * @param nodes those nodes, the ones holding live leases first (at most
	 * {@link LeaseInspector#MAX_NODES})
	 * @param totalLeases rows in the lease table
	 * @param liveLeases rows held now
	 * @param page the page of leases, from 0
	 * @param size its size
	 * @param leases the page, in database and instance order
	 */
	public record ClusterDescriptor(NodeDescriptor node, Instant at, long totalNodes, List<NodeSummary> nodes,
			long totalLeases, long liveLeases, int page, int size,
			List<LeaseDescriptor> leases) implements OperationResponseBody {
	}

	/**
	 * This node, as it sees itself.
	 *
	 * @param id its node id
	 * @param url the base URL other nodes reach it at
	 * @param healthy whether its renewals keep its leases (the last round succeeded, recently
	 * enough)
	 * @param lastRenewal when its last successful renewal round was sent; {@code null} before
	 * the first
	 * @param leasesHeld how many leases it may act on now
	 */
	public record NodeDescriptor(String id, String url, boolean healthy, @Nullable Instant lastRenewal,
			int leasesHeld) {
	}

	/**
	 * A node the lease table names.
	 *
	 * @param id its node id
	 * @param url the base URL of its latest acquisition
	 * @param leasesHeld leases it holds now, by the database's clock
	 * @param expiredLeases leases that expired in its name and no other node acquired since
	 * @param live whether it holds at least one lease
	 */
	public record NodeSummary(String id, String url, long leasesHeld, long expiredLeases, boolean live) {

		static NodeSummary of(NodeLeases node) {
			return new NodeSummary(node.node(), node.url(), node.liveLeases(), node.expiredLeases(), node.live());
		}

	}

	/**
	 * One lease.
	 *
	 * @param database the database
	 * @param instance the instance
	 * @param owner the node that holds it, or held it last until it expired; {@code null}
	 * once released
	 * @param ownerUrl the owner's base URL; {@code null} once released
	 * @param epoch its epoch: grows with every acquisition
	 * @param acquiredAt when it was last acquired, by the database's clock
	 * @param expiresAt when it expires unless renewed (when it was released, once released)
	 * @param live whether it is held now, by the database's clock
	 */
	public record LeaseDescriptor(String database, String instance, @Nullable String owner,
			@Nullable String ownerUrl, long epoch, Instant acquiredAt, Instant expiresAt,
			boolean live) implements OperationResponseBody {

		static LeaseDescriptor of(Lease lease) {
			return new LeaseDescriptor(lease.key().database(), lease.key().instance(), lease.owner(),
					lease.ownerUrl(), lease.epoch(), lease.acquiredAt(), lease.expiresAt(), lease.live());
		}

	}

}
