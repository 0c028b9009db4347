package dev.durabledb.metrics;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.durabledb.cluster.LeaseListener;
import dev.durabledb.cluster.routing.RoutingListener;
import dev.durabledb.instance.InstanceKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The counters of this node's leases, in cluster mode: {@code durabledb.cluster.lease.renewals}
 * (tag {@code outcome}: success or failure), {@code durabledb.cluster.lease.acquisitions}
 * (tags {@code database}, {@code outcome}: granted, refused or failure) and
 * {@code durabledb.cluster.leases.lost} (tag {@code database}). The counters of the
 * declared databases exist from startup, at zero, so that a rate or an increase over them
 * sees the first event; and, as actions are routed, the timers {@code durabledb.cluster.takeovers}
 * (tag {@code database}) and {@code durabledb.cluster.remote.calls} (tags {@code database},
 * {@code outcome}: success, moved or error).
 */
final class ClusterMeters implements LeaseListener, RoutingListener {

	private final MeterRegistry registry;

	ClusterMeters(MeterRegistry registry, Collection<String> databases) {
		this.registry = registry;
		renewals(true);
		renewals(false);
		for (String database : databases) {
			for (AcquisitionOutcome outcome : AcquisitionOutcome.values()) {
				acquisitions(database, outcome);
			}
			lost(database);
			takeovers(database);
		}
	}

	@Override
	public void takenOver(InstanceKey key, long nanos) {
		takeovers(key.database()).record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void remoteCall(InstanceKey key, String outcome, long nanos) {
		Timer.builder("durabledb.cluster.remote.calls")
			.description("Actions this node sent to the node that owns their instance")
			.tag("database", key.database())
			.tag("outcome", outcome)
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void leaseLost(InstanceKey key, long epoch) {
		lost(key.database()).increment();
	}

	@Override
	public void acquisitionFinished(InstanceKey key, AcquisitionOutcome outcome) {
		acquisitions(key.database(), outcome).increment();
	}

	@Override
	public void renewalFinished(boolean success) {
		renewals(success).increment();
	}

	private Counter renewals(boolean success) {
		return Counter.builder("durabledb.cluster.lease.renewals")
			.description("Renewal rounds of this node's leases, one statement each")
			.tag("outcome", success ? "success" : "failure")
			.register(this.registry);
	}

	private Counter acquisitions(String database, AcquisitionOutcome outcome) {
		return Counter.builder("durabledb.cluster.lease.acquisitions")
			.description("Acquisitions of leases that went to the lease table")
			.tag("database", database)
			.tag("outcome", (outcome == AcquisitionOutcome.FAILED) ? "failure"
					: outcome.name().toLowerCase(Locale.ROOT))
			.register(this.registry);
	}

	private Timer takeovers(String database) {
		return Timer.builder("durabledb.cluster.takeovers")
			.description("Instances this node took over from the replica store as it acquired their lease")
			.tag("database", database)
			.register(this.registry);
	}

	private Counter lost(String database) {
		return Counter.builder("durabledb.cluster.leases.lost")
			.description("Leases this node lost: not renewed before their deadline, or found expired or taken")
			.tag("database", database)
			.register(this.registry);
	}

}
