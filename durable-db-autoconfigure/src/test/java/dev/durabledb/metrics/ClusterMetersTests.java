package dev.durabledb.metrics;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.durabledb.cluster.DurableDbClusterAutoConfiguration;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.cluster.LeaseStoreException;
import dev.durabledb.cluster.RenewalRounds;
import dev.durabledb.fixtures.CountingDataSource;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The cluster's meters in a SimpleMeterRegistry, on nodes whose leases are in a real
 * PostgreSQL table; the tests run the renewal rounds themselves (an hour's TTL keeps the
 * renewal thread from running one during a test).
 */
class ClusterMetersTests {

	private static final String SECRET = "a-secret-of-at-least-32-characters!";

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	@TempDir
	Path root;

	private final String table = Postgres.uniqueName("lease_metrics_test");

	private final CountingDataSource dataSource = new CountingDataSource(Postgres.dataSource());

	@BeforeAll
	static void postgres() {
		Postgres.assumeAvailable();
	}

	@AfterEach
	void drop() {
		Postgres.drop(this.table);
	}

	@Test
	void takeoversAndRemoteCallsAreTimedByDatabaseAndOutcome() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ClusterMeters meters = new ClusterMeters(registry, List.of("notes"));
		assertThat(registry.get("durabledb.cluster.takeovers").tag("database", "notes").timer().count()).isZero();
		meters.takenOver(ACME, TimeUnit.MILLISECONDS.toNanos(40));
		meters.remoteCall(ACME, "success", TimeUnit.MILLISECONDS.toNanos(2));
		meters.remoteCall(ACME, "success", TimeUnit.MILLISECONDS.toNanos(4));
		meters.remoteCall(ACME, "moved", TimeUnit.MILLISECONDS.toNanos(1));
		Timer takeovers = registry.get("durabledb.cluster.takeovers").tag("database", "notes").timer();
		assertThat(takeovers.count()).isEqualTo(1);
		assertThat(takeovers.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
		Timer succeeded = registry.get("durabledb.cluster.remote.calls").tags("database", "notes", "outcome", "success").timer();
		assertThat(succeeded.count()).isEqualTo(2);
		assertThat(succeeded.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6);
		assertThat(registry.get("durabledb.cluster.remote.calls").tags("outcome", "moved").timer().count()).isEqualTo(1);
	}

	@Test
	void theCountersOfEveryDeclaredDatabaseExistAtZeroFromStartup() {
		node("node-a", this.dataSource).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("durabledb.cluster.leases").gauge().value()).isZero();
			assertThat(registry.get("durabledb.cluster.lease.renewals").counters()).hasSize(2)
				.allSatisfy((counter) -> assertThat(counter.count()).isZero());
			for (String database : new String[] { "notes", "counters" }) {
				for (String outcome : new String[] { "granted", "refused", "failure" }) {
					assertThat(acquisitions(registry, database, outcome)).as(database + " " + outcome).isZero();
				}
				assertThat(lost(registry, database)).isZero();
			}
		});
	}

	@Test
	void acquisitionsRenewalsAndLossesAreCountedAndTheGaugeFollowsTheLeasesHeld() {
		node("node-a", this.dataSource).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			LeaseKeeper keeper = context.getBean(LeaseKeeper.class);
			InstanceKey theirs = new InstanceKey("notes", "theirs");

			keeper.acquire(ACME);
			keeper.acquire(ACME);
			keeper.acquire(InstanceKey.global("counters"));
			node("node-b", Postgres.dataSource()).run((b) -> {
				b.getBean(LeaseKeeper.class).acquire(theirs);
				keeper.acquire(theirs);
			});
			assertThat(acquisitions(registry, "notes", "granted")).isOne();
			assertThat(acquisitions(registry, "counters", "granted")).isOne();
			assertThat(acquisitions(registry, "notes", "refused")).isOne();
			assertThat(registry.get("durabledb.cluster.leases").gauge().value()).isEqualTo(2);

			RenewalRounds.run(keeper);
			assertThat(renewals(registry, "success")).isOne();

			this.dataSource.unreachable(true);
			assertThatExceptionOfType(LeaseStoreException.class)
				.isThrownBy(() -> keeper.acquire(new InstanceKey("notes", "third")));
			RenewalRounds.run(keeper);
			assertThat(acquisitions(registry, "notes", "failure")).isOne();
			assertThat(renewals(registry, "failure")).isOne();
			this.dataSource.unreachable(false);

			// The database's clock passed the lease's expiry (this node paused, say): the next
			// round does not renew it, and the node counts it lost.
			new JdbcTemplate(Postgres.dataSource()).update(
					"UPDATE " + this.table + " SET expires_at = now() WHERE database_name = ? AND instance = ?",
					ACME.database(), ACME.instance());
			RenewalRounds.run(keeper);
			assertThat(lost(registry, "notes")).isOne();
			assertThat(lost(registry, "counters")).isZero();
			assertThat(renewals(registry, "success")).isEqualTo(2);
			assertThat(registry.get("durabledb.cluster.leases").gauge().value()).isOne();
		});
	}

	@Test
	void withoutClusterModeThereAreNoClusterMeters() {
		TestApplications.withActions(this.root.resolve("single"))
			.withConfiguration(AutoConfigurations.of(DurableDbClusterAutoConfiguration.class,
					MetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(DurableDbMetrics.class)
					.doesNotHaveBean(ClusterMeters.class);
				assertThat(context.getBean(MeterRegistry.class).find("durabledb.cluster.leases").gauge()).isNull();
			});
	}

	private ApplicationContextRunner node(String id, DataSource dataSource) {
		return TestApplications.withActions(this.root.resolve(id))
			.withConfiguration(AutoConfigurations.of(DurableDbClusterAutoConfiguration.class,
					MetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(DataSource.class, () -> dataSource)
			.withPropertyValues("durable-db.cluster.enabled=true", "durable-db.cluster.node-id=" + id,
					"durable-db.cluster.advertised-url=http://" + id + ":8080", "durable-db.cluster.secret=" + SECRET,
					"durable-db.cluster.table=" + this.table, "durable-db.cluster.lease-ttl=1h");
	}

	private static double acquisitions(MeterRegistry registry, String database, String outcome) {
		return registry.get("durabledb.cluster.lease.acquisitions")
			.tag("database", database)
			.tag("outcome", outcome)
			.counter()
			.count();
	}

	private static double renewals(MeterRegistry registry, String outcome) {
		return registry.get("durabledb.cluster.lease.renewals").tag("outcome", outcome).counter().count();
	}

	private static double lost(MeterRegistry registry, String database) {
		return registry.get("durabledb.cluster.leases.lost").tag("database", database).counter().count();
	}

}
