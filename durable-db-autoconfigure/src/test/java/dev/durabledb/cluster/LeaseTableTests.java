package dev.durabledb.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.fixtures.Concurrently;
import dev.durabledb.fixtures.CountingDataSource;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.instance.InstanceKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The lease table on a real PostgreSQL: who gets a lease, with which epoch, until when, by the database's clock. */
class LeaseTableTests {

	private static final Duration TTL = Duration.ofSeconds(30);

	/** Short enough to see a lease expire; the database says when it did. */
	private static final Duration SHORT_TTL = Duration.ofMillis(300);

	private static final InstanceKey KEY = new InstanceKey("notes", "acme");

	private final String name = Postgres.uniqueName("lease_table_test");

	private final CountingDataSource dataSource = new CountingDataSource(Postgres.dataSource());

	private final JdbcTemplate jdbc = new JdbcTemplate(Postgres.dataSource());

	private final LeaseTable table = new LeaseTable(this.dataSource, this.name);

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
	void createMakesTheDocumentedTableOnceAndNodesStartingTogetherDoNotCollide() throws Exception {
		String fresh = Postgres.uniqueName("lease_create_test");
		try {
			Concurrently.run(8, (thread) -> () -> {
				new LeaseTable(Postgres.dataSource(), fresh).create();
				return null;
			});
			assertThat(this.jdbc.queryForList("SELECT column_name || ' ' || data_type || ' ' || is_nullable "
					+ "FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", String.class,
					fresh))
				.containsExactly("database_name text NO", "instance text NO", "owner_node text YES", "owner_url text YES",
						"epoch bigint NO", "acquired_at timestamp with time zone NO",
						"expires_at timestamp with time zone NO");
			assertThat(this.jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = ?", String.class,
					fresh))
				.containsExactlyInAnyOrder(fresh + "_pkey", fresh + "_owner");
			new LeaseTable(Postgres.dataSource(), fresh).create();
		}
		finally {
			Postgres.drop(fresh);
		}
	}

	@Test
	void aTableOfThatNameThatIsNotALeaseTableIsRefusedAndLeftAsItIs() {
		String other = Postgres.uniqueName("not_a_lease_table");
		this.jdbc.execute("CREATE TABLE " + other + " (id bigint PRIMARY KEY, note text)");
		this.jdbc.update("INSERT INTO " + other + " VALUES (1, 'kept')");
		try {
			assertThatExceptionOfType(DurableDbConfigurationException.class)
				.isThrownBy(() -> new LeaseTable(Postgres.dataSource(), other).create())
				.satisfies((ex) -> {
					assertThat(ex.getDescription()).contains("'" + other + "' exists but is not a durable-db lease table");
					assertThat(ex.getAction()).contains("durable-db.cluster.table");
				});
			assertThat(this.jdbc.queryForObject("SELECT note FROM " + other, String.class)).isEqualTo("kept");
		}
		finally {
			Postgres.drop(other);
		}
	}

	@Test
	void aFreeLeaseIsGrantedUnderEpochOneWithTheDatabasesTimes() {
		Instant before = databaseNow();
		assertThat(this.table.acquire(KEY, "node-a", "http://a:8080", TTL))
			.isEqualTo(new Acquisition.Granted(KEY, 1));
		Instant after = databaseNow();
		Lease lease = this.table.owner(KEY).orElseThrow();
		assertThat(lease.owner()).isEqualTo("node-a");
		assertThat(lease.ownerUrl()).isEqualTo("http://a:8080");
		assertThat(lease.epoch()).isEqualTo(1);
		assertThat(lease.live()).isTrue();
		assertThat(lease.acquiredAt()).isBetween(before, after);
		assertThat(Duration.between(lease.acquiredAt(), lease.expiresAt())).isEqualTo(TTL);
	}

	@Test
	void aLeaseALiveNodeHoldsIsRefusedToAnotherNamingTheHolderAndItsUrl() {
		this.table.acquire(KEY, "node-a", "http://a:8080", TTL);
		Lease before = this.table.owner(KEY).orElseThrow();
		Acquisition answer = this.table.acquire(KEY, "node-b", "http://b:8080", TTL);
		assertThat(answer).isInstanceOfSatisfying(Acquisition.Refused.class, (refused) -> {
			assertThat(refused.key()).isEqualTo(KEY);
			assertThat(refused.holder().owner()).isEqualTo("node-a");
			assertThat(refused.holder().ownerUrl()).isEqualTo("http://a:8080");
			assertThat(refused.holder().epoch()).isEqualTo(1);
			assertThat(refused.holder().expiresAt()).isEqualTo(before.expiresAt());
		});
		assertThat(this.table.owner(KEY)).contains(before);
	}

	@Test
	void everyAcquisitionGrowsTheEpochAfterAReleaseAnExpiryOrByTheSameNode() {
		assertThat(this.table.acquire(KEY, "node-a", "http://a:8080", TTL)).isEqualTo(new Acquisition.Granted(KEY, 1));
		assertThat(this.table.release(KEY, "node-a", 1)).isTrue();
		assertThat(this.table.owner(KEY)).isEmpty();
		assertThat(this.table.list(null, 10)).singleElement().satisfies((row) -> {
			assertThat(row.owner()).isNull();
			assertThat(row.ownerUrl()).isNull();
			assertThat(row.epoch()).isEqualTo(1);
			assertThat(row.live()).isFalse();
		});
		assertThat(this.table.acquire(KEY, "node-b", "http://b:8080", SHORT_TTL))
			.isEqualTo(new Acquisition.Granted(KEY, 2));
		awaitExpiry(KEY);
		assertThat(this.table.acquire(KEY, "node-a", "http://a:8080", TTL)).isEqualTo(new Acquisition.Granted(KEY, 3));
		// A node that acquires what it holds (a restart under the same id) starts a new epoch too.
		assertThat(this.table.acquire(KEY, "node-a", "http://a:8080", TTL)).isEqualTo(new Acquisition.Granted(KEY, 4));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM " + this.name, Integer.class)).isOne();
	}

	@Test
	void anExpiredLeaseGoesToTheNextNodeUnderTheNextEpochAndItsOldOwnerCanNoLongerRenewOrReleaseIt() {
		this.table.acquire(KEY, "node-a", "http://a:8080", SHORT_TTL);
		awaitExpiry(KEY);
		assertThat(this.table.acquire(KEY, "node-b", "http://b:8080", TTL)).isEqualTo(new Acquisition.Granted(KEY, 2));
		assertThat(this.table.renewAll("node-a", TTL)).isEmpty();
		assertThat(this.table.release(KEY, "node-a", 1)).isFalse();
		assertThat(this.table.owner(KEY)).hasValueSatisfying((lease) -> {
			assertThat(lease.owner()).isEqualTo("node-b");
			assertThat(lease.epoch()).isEqualTo(2);
		});
	}

	@Test
	void ofManyNodesRacingForAFreeLeaseExactlyOneGetsItAndTheOthersAreToldWho() throws Exception {
		for (int round = 0; round < 10; round++) {
			InstanceKey key = new InstanceKey("notes", "race-" + round);
			Map<String, Acquisition> answers = race(12,
					(own, node) -> own.acquire(key, node, "http://" + node + ":8080", TTL));
			List<String> winners = answers.entrySet()
				.stream()
				.filter((answer) -> answer.getValue() instanceof Acquisition.Granted)
				.map(Map.Entry::getKey)
				.toList();
			assertThat(winners).hasSize(1);
			String winner = winners.get(0);
			assertThat(answers.get(winner)).isEqualTo(new Acquisition.Granted(key, 1));
			answers.forEach((node, answer) -> {
				if (!node.equals(winner)) {
					assertThat(answer).isInstanceOfSatisfying(Acquisition.Refused.class, (refused) -> {
						assertThat(refused.holder().owner()).isEqualTo(winner);
						assertThat(refused.holder().ownerUrl()).isEqualTo("http://" + winner + ":8080");
						assertThat(refused.holder().epoch()).isEqualTo(1);
					});
				}
			});
		}
	}

	@Test
	void ofManyNodesRacingToTakeOverAnExpiredLeaseExactlyOneGetsTheNextEpoch() throws Exception {
		this.table.acquire(KEY, "node-old", "http://old:8080", SHORT_TTL);
		awaitExpiry(KEY);
		Map<String, Acquisition> answers = race(12,
				(own, node) -> own.acquire(KEY, node, "http://" + node + ":8080", TTL));
		assertThat(answers.values()).filteredOn(Acquisition.Granted.class::isInstance)
			.singleElement()
			.isEqualTo(new Acquisition.Granted(KEY, 2));
		assertThat(answers.values()).filteredOn(Acquisition.Refused.class::isInstance).hasSize(11);
	}

	@Test
	void renewAllIsOneStatementThatRenewsOnlyTheLiveLeasesOfThatNode() {
		List<InstanceKey> held = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			InstanceKey key = new InstanceKey("notes", "held-" + i);
			this.table.acquire(key, "node-a", "http://a:8080", TTL);
			held.add(key);
		}
		InstanceKey expired = new InstanceKey("notes", "expired");
		this.table.acquire(expired, "node-a", "http://a:8080", SHORT_TTL);
		InstanceKey released = new InstanceKey("notes", "released");
		this.table.acquire(released, "node-a", "http://a:8080", TTL);
		this.table.release(released, "node-a", 1);
		InstanceKey others = new InstanceKey("notes", "others");
		this.table.acquire(others, "node-b", "http://b:8080", TTL);
		awaitExpiry(expired);
		Map<InstanceKey, Instant> expiries = expiries();

		this.dataSource.reset();
		List<Lease> renewed = this.table.renewAll("node-a", TTL);

		assertThat(this.dataSource.statements()).isOne();
		assertThat(renewed).extracting(Lease::key).containsExactlyInAnyOrderElementsOf(held);
		assertThat(renewed).allSatisfy((lease) -> {
			assertThat(lease.owner()).isEqualTo("node-a");
			assertThat(lease.epoch()).isEqualTo(1);
			assertThat(lease.expiresAt()).isAfter(expiries.get(lease.key()));
		});
		Map<InstanceKey, Instant> after = expiries();
		assertThat(after.get(expired)).isEqualTo(expiries.get(expired));
		assertThat(after.get(released)).isEqualTo(expiries.get(released));
		assertThat(after.get(others)).isEqualTo(expiries.get(others));
		assertThat(this.table.owner(expired)).isEmpty();
	}

	@Test
	void aLeaseIsReleasedOnlyByItsOwnerUnderItsEpoch() {
		this.table.acquire(KEY, "node-a", "http://a:8080", TTL);
		assertThat(this.table.release(KEY, "node-b", 1)).isFalse();
		assertThat(this.table.release(KEY, "node-a", 7)).isFalse();
		assertThat(this.table.owner(KEY)).isPresent();
		assertThat(this.table.release(KEY, "node-a", 1)).isTrue();
		assertThat(this.table.owner(KEY)).isEmpty();
		assertThat(this.table.release(KEY, "node-a", 1)).isFalse();
	}

	@Test
	void releaseAllFreesEveryLeaseOfThatNodeOnly() {
		for (int i = 0; i < 3; i++) {
			this.table.acquire(new InstanceKey("notes", "a-" + i), "node-a", "http://a:8080", TTL);
		}
		this.table.acquire(KEY, "node-b", "http://b:8080", TTL);
		assertThat(this.table.releaseAll("node-a")).isEqualTo(3);
		assertThat(this.table.list(null, 10)).filteredOn(Lease::live).extracting(Lease::key).containsExactly(KEY);
		assertThat(this.table.renewAll("node-a", TTL)).isEmpty();
	}

	@Test
	void listPagesThroughEveryRowInKeyOrderSayingWhichAreLive() {
		for (String database : List.of("b", "a")) {
			for (String instance : List.of("y", "x", "z")) {
				this.table.acquire(new InstanceKey(database, instance), "node-a", "http://a:8080", TTL);
			}
		}
		this.table.release(new InstanceKey("a", "y"), "node-a", 1);
		List<Lease> first = this.table.list(null, 4);
		List<Lease> second = this.table.list(first.get(first.size() - 1).key(), 4);
		assertThat(first).extracting((lease) -> lease.key().toString()).containsExactly("a/x", "a/y", "a/z", "b/x");
		assertThat(second).extracting((lease) -> lease.key().toString()).containsExactly("b/y", "b/z");
		assertThat(first).extracting(Lease::live).containsExactly(true, false, true, true);
	}

	@Test
	void aLeaseStoreThatDoesNotAnswerIsALeaseStoreExceptionWithoutSql() {
		this.dataSource.unreachable(true);
		assertThatExceptionOfType(LeaseStoreException.class)
			.isThrownBy(() -> this.table.acquire(KEY, "node-a", "http://a:8080", TTL))
			.withMessage("The lease store failed (SQL state 08001)");
		assertThatExceptionOfType(LeaseStoreException.class).isThrownBy(() -> this.table.renewAll("node-a", TTL));
		this.dataSource.unreachable(false);
		assertThat(this.table.list(null, 10)).isEmpty();
	}

	/**
	 * Runs {@code work} for each of {@code nodes} nodes, each on a connection of its own
	 * opened beforehand, all let go at the same moment.
	 */
	private Map<String, Acquisition> race(int nodes, BiFunction<LeaseTable, String, Acquisition> work)
			throws Exception {
		Map<String, Acquisition> answers = new ConcurrentHashMap<>();
		List<SingleConnectionDataSource> connections = new CopyOnWriteArrayList<>();
		try {
			Concurrently.run(nodes, (thread) -> {
				String node = "node-" + thread;
				SingleConnectionDataSource connection = new SingleConnectionDataSource(Postgres.URL, true);
				connections.add(connection);
				LeaseTable own = new LeaseTable(connection, this.name);
				own.owner(KEY); // opens the connection now, not after the start
				return () -> {
					answers.put(node, work.apply(own, node));
					return null;
				};
			});
		}
		finally {
			connections.forEach(SingleConnectionDataSource::destroy);
		}
		return answers;
	}

	private Map<InstanceKey, Instant> expiries() {
		Map<InstanceKey, Instant> expiries = new HashMap<>();
		this.jdbc.query("SELECT database_name, instance, expires_at FROM " + this.name,
				(RowCallbackHandler) (row) -> expiries.put(new InstanceKey(row.getString(1), row.getString(2)),
						row.getObject(3, OffsetDateTime.class).toInstant()));
		return expiries;
	}

	/** Waits until the database's clock says the lease on {@code key} expired. */
	private void awaitExpiry(InstanceKey key) {
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> this.table.owner(key).isEmpty());
	}

	private Instant databaseNow() {
		return this.jdbc.queryForObject("SELECT now()", OffsetDateTime.class).toInstant();
	}

}
