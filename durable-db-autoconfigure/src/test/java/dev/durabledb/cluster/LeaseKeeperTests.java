package dev.durabledb.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.durabledb.cluster.LeaseListener.AcquisitionOutcome;
import dev.durabledb.fixtures.Concurrently;
import dev.durabledb.fixtures.CountingDataSource;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.instance.InstanceKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * This node's side of the leases, on a real PostgreSQL lease table, with the monotonic
 * clock driven by the test: until when the node may act on a lease, and what renewal
 * rounds (succeeding, failing, answering that a lease went elsewhere) do to that.
 */
class LeaseKeeperTests {

	private static final Duration TTL = Duration.ofSeconds(10);

	private static final Duration MARGIN = Duration.ofSeconds(2);

	/** Until when a lease is valid, from when its statement was sent. */
	private static final long VALIDITY = TTL.minus(MARGIN).toNanos();

	private static final InstanceKey KEY = new InstanceKey("notes", "acme");

	private final String name = Postgres.uniqueName("lease_keeper_test");

	private final CountingDataSource dataSource = new CountingDataSource(Postgres.dataSource());

	private final LeaseTable table = new LeaseTable(this.dataSource, this.name);

	/** The node's monotonic clock, which only the test moves. */
	private final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);

	private final List<String> lost = new CopyOnWriteArrayList<>();

	private final LeaseKeeper keeper = keeper("node-a", TTL, MARGIN);

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
	void aLeaseIsValidUntilTheTtlMinusTheSafetyMarginFromWhenItsStatementWasSent() {
		long start = this.nanoTime.get();
		// The statement takes 3 seconds to come back, on the node's clock.
		this.dataSource.beforeEachStatement((sql) -> this.nanoTime.addAndGet(Duration.ofSeconds(3).toNanos()));
		assertThat(this.keeper.acquire(KEY)).isEqualTo(new Acquisition.Granted(KEY, 1));
		this.dataSource.beforeEachStatement((sql) -> {
		});
		this.nanoTime.set(start + VALIDITY - 1);
		assertThat(this.keeper.isValid(KEY)).isTrue();
		assertThat(this.keeper.epoch(KEY)).hasValue(1);
		this.nanoTime.set(start + VALIDITY);
		assertThat(this.keeper.isValid(KEY)).isFalse();
		assertThat(this.keeper.epoch(KEY)).isEmpty();
	}

	@Test
	void aRenewalRoundIsOneStatementForAllLeasesAndMovesEachDeadlineToWhenItWasSent() {
		for (int i = 0; i < 30; i++) {
			this.keeper.acquire(new InstanceKey("notes", "t" + i));
		}
		long round = this.nanoTime.addAndGet(Duration.ofSeconds(3).toNanos());
		this.dataSource.reset();
		this.dataSource.beforeEachStatement((sql) -> this.nanoTime.addAndGet(Duration.ofSeconds(1).toNanos()));
		this.keeper.renew();
		assertThat(this.dataSource.statements()).isOne();
		assertThat(this.keeper.healthy()).isTrue();
		assertThat(this.keeper.lastRenewal()).contains(Instant.EPOCH);
		this.nanoTime.set(round + VALIDITY - 1);
		for (int i = 0; i < 30; i++) {
			assertThat(this.keeper.isValid(new InstanceKey("notes", "t" + i))).isTrue();
		}
		this.nanoTime.set(round + VALIDITY);
		assertThat(this.keeper.isValid(new InstanceKey("notes", "t0"))).isFalse();
		assertThat(this.keeper.healthy()).isFalse();
		assertThat(this.lost).isEmpty();
	}

	@Test
	void whileTheLeaseStoreDoesNotAnswerLeasesRunOutAtTheirDeadlineAndListenersHear() {
		long start = this.nanoTime.get();
		InstanceKey other = new InstanceKey("notes", "other");
		this.keeper.acquire(KEY);
		this.keeper.acquire(other);
		this.dataSource.unreachable(true);
		this.nanoTime.set(start + Duration.ofSeconds(3).toNanos());
		this.keeper.renew();
		assertThat(this.keeper.healthy()).isFalse();
		assertThat(this.keeper.lastRenewal()).isEmpty();
		this.nanoTime.set(start + VALIDITY - 1);
		this.keeper.renew();
		assertThat(this.keeper.isValid(KEY)).isTrue();
		assertThat(this.lost).isEmpty();

		this.nanoTime.set(start + VALIDITY);
		assertThat(this.keeper.isValid(KEY)).isFalse();
		assertThat(this.keeper.isValid(other)).isFalse();
		this.keeper.renew();
		assertThat(this.lost).containsExactlyInAnyOrder("notes/acme@1", "notes/other@1");

		// The store answers again: the rows the database still had for this node are freed,
		// not renewed behind the node's back, and the node acts on nothing it lost.
		this.dataSource.unreachable(false);
		this.keeper.renew();
		assertThat(this.keeper.healthy()).isTrue();
		assertThat(this.keeper.isValid(KEY)).isFalse();
		assertThat(this.table.owner(KEY)).isEmpty();
		assertThat(this.table.owner(other)).isEmpty();
		assertThat(this.keeper.acquire(KEY)).isEqualTo(new Acquisition.Granted(KEY, 2));
	}

	@Test
	void aRoundThatComesBackAfterTheDeadlinesRenewsNothingTheNodeActsOn() {
		this.keeper.acquire(KEY);
		this.dataSource.beforeEachStatement((sql) -> this.nanoTime.addAndGet(VALIDITY));
		this.keeper.renew();
		this.dataSource.beforeEachStatement((sql) -> {
		});
		assertThat(this.keeper.healthy()).isFalse();
		assertThat(this.keeper.isValid(KEY)).isFalse();
		this.keeper.renew();
		assertThat(this.lost).containsExactly("notes/acme@1");
		assertThat(this.keeper.healthy()).isTrue();
		assertThat(this.table.owner(KEY)).isEmpty();
	}

	@Test
	void aLeaseThatExpiredAndWentToAnotherNodeIsLostAtTheNextRoundAndLeftToItsNewOwner() {
		Duration shortTtl = Duration.ofMillis(300);
		LeaseKeeper shortLived = keeper("node-s", shortTtl, Duration.ofMillis(100));
		shortLived.acquire(KEY);
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> this.table.owner(KEY).isEmpty());
		assertThat(this.keeper.acquire(KEY)).isEqualTo(new Acquisition.Granted(KEY, 2));
		// The node's own clock has not moved: only the database can tell it the lease is gone.
		assertThat(shortLived.isValid(KEY)).isTrue();
		shortLived.renew();
		assertThat(shortLived.isValid(KEY)).isFalse();
		assertThat(this.lost).containsExactly("notes/acme@1");
		assertThat(this.table.owner(KEY)).hasValueSatisfying((lease) -> {
			assertThat(lease.owner()).isEqualTo("node-a");
			assertThat(lease.epoch()).isEqualTo(2);
		});
		assertThat(this.keeper.isValid(KEY)).isTrue();
	}

	@Test
	void aLeaseHeldElsewhereIsRefusedNamingTheHolderAndIsNotValidHere() {
		LeaseKeeper nodeB = keeper("node-b", TTL, MARGIN);
		nodeB.acquire(KEY);
		assertThat(this.keeper.acquire(KEY)).isInstanceOfSatisfying(Acquisition.Refused.class, (refused) -> {
			assertThat(refused.holder().owner()).isEqualTo("node-b");
			assertThat(refused.holder().ownerUrl()).isEqualTo("http://node-b:8080");
		});
		assertThat(this.keeper.isValid(KEY)).isFalse();
		assertThat(nodeB.isValid(KEY)).isTrue();
	}

	@Test
	void aValidLeaseIsGrantedAgainWithoutAStatementAndCallersAtOnceShareOneAcquisition() throws Exception {
		Set<Acquisition> answers = ConcurrentHashMap.newKeySet();
		Concurrently.run(8, (thread) -> () -> {
			answers.add(this.keeper.acquire(KEY));
			return null;
		});
		assertThat(answers).containsExactly(new Acquisition.Granted(KEY, 1));
		this.dataSource.reset();
		assertThat(this.keeper.acquire(KEY)).isEqualTo(new Acquisition.Granted(KEY, 1));
		assertThat(this.dataSource.statements()).isZero();
	}

	@Test
	void aLeaseRunOutLocallyIsLostAndTheNextAcquisitionTakesANewEpoch() {
		this.keeper.acquire(KEY);
		this.nanoTime.addAndGet(VALIDITY);
		assertThat(this.keeper.acquire(KEY)).isEqualTo(new Acquisition.Granted(KEY, 2));
		assertThat(this.lost).containsExactly("notes/acme@1");
		assertThat(this.keeper.epoch(KEY)).hasValue(2);
	}

	@Test
	void aReleasedLeaseStopsBeingValidAtOnceAndIsFreeForTheNextNode() {
		this.keeper.acquire(KEY);
		this.keeper.release(KEY);
		assertThat(this.keeper.isValid(KEY)).isFalse();
		assertThat(this.table.owner(KEY)).isEmpty();
		assertThat(keeper("node-b", TTL, MARGIN).acquire(KEY)).isEqualTo(new Acquisition.Granted(KEY, 2));
		assertThat(this.lost).isEmpty();
	}

	@Test
	void releaseAllFreesEveryLeaseOfThisNode() {
		this.keeper.acquire(KEY);
		this.keeper.acquire(new InstanceKey("notes", "other"));
		this.keeper.releaseAll();
		assertThat(this.keeper.isValid(KEY)).isFalse();
		assertThat(this.table.list(null, 10)).noneMatch(Lease::live);
	}

	@Test
	void anAcquisitionTheLeaseStoreDoesNotAnswerFailsAndGrantsNothing() {
		this.dataSource.unreachable(true);
		assertThatExceptionOfType(LeaseStoreException.class).isThrownBy(() -> this.keeper.acquire(KEY));
		assertThat(this.keeper.isValid(KEY)).isFalse();
		this.dataSource.unreachable(false);
		assertThat(this.table.owner(KEY)).isEmpty();
	}

	@Test
	void aListenerThatThrowsDoesNotKeepTheOthersFromHearing() {
		List<String> heard = new ArrayList<>();
		LeaseKeeper keeper = new LeaseKeeper(this.table, new ClusterNode("node-l", "http://node-l:8080"), TTL, MARGIN,
				this.nanoTime::get, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), List.of((key, epoch) -> {
					throw new IllegalStateException("listener failure");
				}, (key, epoch) -> heard.add(key + "@" + epoch)));
		keeper.acquire(KEY);
		this.nanoTime.addAndGet(VALIDITY);
		keeper.renew();
		assertThat(heard).containsExactly("notes/acme@1");
	}

	@Test
	void heldCountsTheLeasesTheNodeMayActOnNow() {
		long start = this.nanoTime.get();
		InstanceKey other = new InstanceKey("notes", "other");
		assertThat(this.keeper.held()).isZero();
		this.keeper.acquire(KEY);
		this.keeper.acquire(other);
		assertThat(this.keeper.held()).isEqualTo(2);
		this.keeper.release(other);
		assertThat(this.keeper.held()).isOne();
		// Run out locally, before any round found it: no longer counted.
		this.nanoTime.set(start + VALIDITY);
		assertThat(this.keeper.held()).isZero();
		assertThat(this.keeper.advertisedUrl()).isEqualTo("http://node-a:8080");
	}

	@Test
	void listenersHearEachAcquisitionTheTableAnsweredAndEachRoundButNotALeaseGrantedFromMemory() {
		List<String> events = new CopyOnWriteArrayList<>();
		LeaseKeeper keeper = new LeaseKeeper(this.table, new ClusterNode("node-e", "http://node-e:8080"), TTL, MARGIN,
				this.nanoTime::get, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), List.of(recording(events)));
		InstanceKey theirs = new InstanceKey("notes", "theirs");
		keeper("node-b", TTL, MARGIN).acquire(theirs);

		keeper.acquire(KEY);
		keeper.acquire(KEY);
		keeper.acquire(theirs);
		keeper.renew();
		this.dataSource.unreachable(true);
		assertThatExceptionOfType(LeaseStoreException.class)
			.isThrownBy(() -> keeper.acquire(new InstanceKey("notes", "third")));
		keeper.renew();

		assertThat(events).containsExactly("GRANTED notes/acme", "REFUSED notes/theirs", "round true",
				"FAILED notes/third", "round false");
	}

	@Test
	void callersAtOnceSharingOneAcquisitionAreToldAsOne() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		LeaseKeeper keeper = new LeaseKeeper(this.table, new ClusterNode("node-e", "http://node-e:8080"), TTL, MARGIN,
				this.nanoTime::get, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), List.of(recording(events)));
		Concurrently.run(8, (thread) -> () -> {
			keeper.acquire(KEY);
			return null;
		});
		assertThat(events).containsExactly("GRANTED notes/acme");
	}

	@Test
	void aListenerThatThrowsOnARoundOrAnAcquisitionChangesNothingForTheNode() {
		LeaseListener failing = new LeaseListener() {

			@Override
			public void leaseLost(InstanceKey key, long epoch) {
			}

			@Override
			public void acquisitionFinished(InstanceKey key, AcquisitionOutcome outcome) {
				throw new IllegalStateException("listener failure");
			}

			@Override
			public void renewalFinished(boolean success) {
				throw new IllegalStateException("listener failure");
			}

		};
		LeaseKeeper keeper = new LeaseKeeper(this.table, new ClusterNode("node-l", "http://node-l:8080"), TTL, MARGIN,
				this.nanoTime::get, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), List.of(failing));
		assertThat(keeper.acquire(KEY)).isEqualTo(new Acquisition.Granted(KEY, 1));
		keeper.renew();
		assertThat(keeper.healthy()).isTrue();
		assertThat(keeper.isValid(KEY)).isTrue();
	}

	private static LeaseListener recording(List<String> events) {
		return new LeaseListener() {

			@Override
			public void leaseLost(InstanceKey key, long epoch) {
				events.add("lost " + key + "@" + epoch);
			}

			@Override
			public void acquisitionFinished(InstanceKey key, AcquisitionOutcome outcome) {
				events.add(outcome + " " + key);
			}

			@Override
			public void renewalFinished(boolean success) {
				events.add("round " + success);
			}

		};
	}

	private LeaseKeeper keeper(String node, Duration ttl, Duration margin) {
		return new LeaseKeeper(this.table, new ClusterNode(node, "http://" + node + ":8080"), ttl, margin,
				this.nanoTime::get, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
				List.of((key, epoch) -> this.lost.add(key + "@" + epoch)));
	}

}
