package dev.durabledb.cluster;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.fixtures.CountingDataSource;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.instance.InstanceKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/** What operators read of the lease table, on a real PostgreSQL: totals, nodes, pages, one lease. */
class LeaseInspectorTests {

	private static final Duration TTL = Duration.ofMinutes(10);

	private final String name = Postgres.uniqueName("lease_inspector_test");

	private final CountingDataSource dataSource = new CountingDataSource(Postgres.dataSource());

	private final LeaseTable table = new LeaseTable(this.dataSource, this.name);

	private final LeaseInspector inspector = new LeaseInspector(this.table);

	@BeforeAll
	static void postgres() {
		Postgres.assumeAvailable();
	}

	@BeforeEach
	void create() {
		this.table.create();
	}

	@AfterEach
	void drop() {
		Postgres.drop(this.name);
	}

	@Test
	void anEmptyTableHasNoNodesAndNoLeases() {
		LeaseOverview overview = this.inspector.overview(0, 100);
		assertThat(overview.totalLeases()).isZero();
		assertThat(overview.liveLeases()).isZero();
		assertThat(overview.totalNodes()).isZero();
		assertThat(overview.nodes()).isEmpty();
		assertThat(overview.leases()).isEmpty();
	}

	@Test
	void theOverviewCountsTheLeasesAndListsTheNodesHoldingLiveLeasesFirst() {
		acquire("notes", "acme", "node-a", "http://old-a:8080", TTL);
		// node-a again, restarted under the same id at another URL: the latest one counts.
		acquire("notes", "globex", "node-a", "http://node-a:8080", TTL);
		acquire("analytics", "global", "node-b", "http://node-b:8080", TTL);
		// A lease that expired in node-0's name (a TTL of zero expires as it is granted, by
		// the database's clock): node-0 sorts first by id, and is listed last.
		acquire("notes", "initech", "node-0", "http://node-0:8080", Duration.ZERO);
		acquire("notes", "umbrella", "node-b", "http://node-b:8080", TTL);
		this.table.release(new InstanceKey("notes", "umbrella"), "node-b", 1);

		JdbcTemplate jdbc = new JdbcTemplate(Postgres.dataSource());
		Instant before = jdbc.queryForObject("SELECT now()", OffsetDateTime.class).toInstant();
		LeaseOverview overview = this.inspector.overview(0, 100);
		Instant after = jdbc.queryForObject("SELECT now()", OffsetDateTime.class).toInstant();

		assertThat(overview.at()).isBetween(before, after);
		assertThat(overview.totalLeases()).isEqualTo(5);
		assertThat(overview.liveLeases()).isEqualTo(3);
		assertThat(overview.totalNodes()).isEqualTo(3);
		assertThat(overview.nodes()).containsExactly(new NodeLeases("node-a", "http://node-a:8080", 2, 0),
				new NodeLeases("node-b", "http://node-b:8080", 1, 0),
				new NodeLeases("node-0", "http://node-0:8080", 0, 1));
		assertThat(overview.nodes()).extracting(NodeLeases::live).containsExactly(true, true, false);
		assertThat(overview.leases())
			.extracting((lease) -> lease.key().toString(), Lease::owner, Lease::ownerUrl, Lease::epoch, Lease::live)
			.containsExactly(tuple("analytics/global", "node-b", "http://node-b:8080", 1L, true),
					tuple("notes/acme", "node-a", "http://old-a:8080", 1L, true),
					tuple("notes/globex", "node-a", "http://node-a:8080", 1L, true),
					tuple("notes/initech", "node-0", "http://node-0:8080", 1L, false),
					tuple("notes/umbrella", null, null, 1L, false));
		assertThat(overview.leases()).allSatisfy((lease) -> {
			assertThat(lease.acquiredAt()).isBeforeOrEqualTo(after);
			assertThat(lease.live()).isEqualTo(lease.owner() != null && lease.expiresAt().isAfter(overview.at()));
		});
	}

	@Test
	void pagesCoverEveryLeaseOnceInKeyOrder() {
		for (int i = 0; i < 7; i++) {
			acquire("notes", "t" + i, "node-a", "http://node-a:8080", TTL);
		}
		List<String> seen = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			LeaseOverview overview = this.inspector.overview(page, 3);
			assertThat(overview.totalLeases()).isEqualTo(7);
			overview.leases().forEach((lease) -> seen.add(lease.key().instance()));
		}
		assertThat(seen).containsExactly("t0", "t1", "t2", "t3", "t4", "t5", "t6");
		assertThat(this.inspector.overview(3, 3).leases()).isEmpty();
		assertThat(this.inspector.overview(Integer.MAX_VALUE, 1000).leases()).isEmpty();
	}

	@Test
	void theTotalsNodesAndPageAreReadAtOneMomentThoughAnotherNodeAcquiresMeanwhile() {
		acquire("notes", "acme", "node-a", "http://node-a:8080", TTL);
		LeaseTable elsewhere = new LeaseTable(Postgres.dataSource(), this.name);
		// Just before the page is read, another node acquires a lease and commits.
		this.dataSource.beforeEachStatement((sql) -> {
			if (sql.contains("OFFSET")) {
				elsewhere.acquire(new InstanceKey("notes", "globex"), "node-b", "http://node-b:8080", TTL);
			}
		});
		LeaseOverview overview = this.inspector.overview(0, 100);
		assertThat(overview.totalLeases()).isOne();
		assertThat(overview.nodes()).extracting(NodeLeases::node).containsExactly("node-a");
		assertThat(overview.leases()).extracting((lease) -> lease.key().instance()).containsExactly("acme");
		this.dataSource.beforeEachStatement((sql) -> {
		});
		assertThat(this.inspector.overview(0, 100).totalLeases()).isEqualTo(2);
	}

	@Test
	void atMostMaxNodesAreListedAndTotalNodesCountsThemAll() {
		int nodes = LeaseInspector.MAX_NODES + 1;
		for (int i = 0; i < nodes; i++) {
			acquire("notes", "t" + i, "node-" + (1000 + i), "http://node:8080", TTL);
		}
		LeaseOverview overview = this.inspector.overview(0, 1);
		assertThat(overview.totalNodes()).isEqualTo(nodes);
		assertThat(overview.nodes()).hasSize(LeaseInspector.MAX_NODES)
			.extracting(NodeLeases::node)
			.startsWith("node-1000")
			.endsWith("node-1099");
	}

	@Test
	void oneLeaseIsReadLiveReleasedOrNeverAcquired() {
		InstanceKey acme = new InstanceKey("notes", "acme");
		acquire("notes", "acme", "node-a", "http://node-a:8080", TTL);
		assertThat(this.inspector.lease(acme)).hasValueSatisfying((lease) -> {
			assertThat(lease.owner()).isEqualTo("node-a");
			assertThat(lease.epoch()).isOne();
			assertThat(lease.live()).isTrue();
		});
		this.table.release(acme, "node-a", 1);
		assertThat(this.inspector.lease(acme)).hasValueSatisfying((lease) -> {
			assertThat(lease.owner()).isNull();
			assertThat(lease.ownerUrl()).isNull();
			assertThat(lease.epoch()).isOne();
			assertThat(lease.live()).isFalse();
		});
		assertThat(this.inspector.lease(new InstanceKey("notes", "nope"))).isEmpty();
	}

	@Test
	void aNegativePageOrASizeBelowOneIsRefusedBeforeAnyStatement() {
		this.dataSource.reset();
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.inspector.overview(-1, 10))
			.withMessage("page must be 0 or more and size 1 or more, not -1 and 10");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.inspector.overview(0, 0));
		assertThat(this.dataSource.statements()).isZero();
	}

	@Test
	void aLeaseStoreThatDoesNotAnswerFailsTheRead() {
		this.dataSource.unreachable(true);
		assertThatExceptionOfType(LeaseStoreException.class).isThrownBy(() -> this.inspector.overview(0, 10))
			.withMessage("The lease store failed (SQL state 08001)");
		assertThatExceptionOfType(LeaseStoreException.class)
			.isThrownBy(() -> this.inspector.lease(new InstanceKey("notes", "acme")));
	}

	@Test
	void theConnectionIsGivenBackAsItWasSoThatAPoolsNextUserCanWrite() throws Exception {
		SingleConnectionDataSource single = new SingleConnectionDataSource(Postgres.URL, true);
		try {
			LeaseTable table = new LeaseTable(single, this.name);
			table.acquire(new InstanceKey("notes", "acme"), "node-a", "http://node-a:8080", TTL);
			new LeaseInspector(table).overview(0, 10);
			Connection connection = single.getConnection();
			assertThat(connection.getAutoCommit()).isTrue();
			assertThat(connection.isReadOnly()).isFalse();
			assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
			assertThat(table.acquire(new InstanceKey("notes", "globex"), "node-a", "http://node-a:8080", TTL))
				.isInstanceOf(Acquisition.Granted.class);
		}
		finally {
			single.destroy();
		}
	}

	private void acquire(String database, String instance, String node, String url, Duration ttl) {
		assertThat(this.table.acquire(new InstanceKey(database, instance), node, url, ttl))
			.isInstanceOf(Acquisition.Granted.class);
	}

}
