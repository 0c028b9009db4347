package dev.durabledb.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long after a write action returns its commit is in the store
 * ({@code replication.lag_p50}, {@code replication.lag_p99}), measured per commit, not by
 * sleeping: 8 threads write one row at a time to tenants picked at random among 100, as
 * fast as they can, with the default sync interval (1 s).
 * <p>
 * Before the run each tenant is written once and {@link Bookmarks#current shipped}, which
 * gives its generation and commit position. During the run a thread writes to a tenant only
 * under that tenant's lock here, so each write is the tenant's next commit, noted with the
 * time the action returned. The application's store ({@link TimedObjectStore}) notes when
 * each segment's put completes; a commit's lag is the completion of the put of the segment
 * that holds its position minus its time. After the run the count is checked against each
 * tenant's bookmark.
 */
final class ReplicationLag {

	private static final String VALUE = Bench.value(100);

	private static final int TENANTS = 100;

	private static final int THREADS = 8;

	/** How long to wait, after the writers stop, for the last commits to reach the store. */
	private static final long DRAIN_SECONDS = 30;

	private ReplicationLag() {
	}

	static void run(Bench bench) throws Exception {
		Path folder = bench.newFolder("replication-lag");
		try (ConfigurableApplicationContext context = bench.start(folder, ReplicationBenchmarks.ON,
				TimedObjectStore.StoreConfiguration.class)) {
			BenchActions actions = context.getBean(BenchActions.class);
			Bookmarks bookmarks = context.getBean(Bookmarks.class);
			TimedObjectStore store = context.getBean(TimedObjectStore.class);
			Tenant[] tenants = new Tenant[TENANTS];
			for (int i = 0; i < TENANTS; i++) {
				String id = "lag" + i;
				context.getBean(TenantDirectory.class).create(id);
				Tenants.run(id, () -> actions.upsert("first", VALUE));
				InstanceKey key = new InstanceKey("bench", id);
				tenants[i] = new Tenant(id, context.getBean(InstanceFiles.class).file(key).getFileName().toString(),
						bookmarks.current(key));
			}
			double writes = ThroughputBenchmarks.throughput((tenant, key) -> tenants[tenant].write(actions, key), THREADS,
					bench.sizes().throughputSeconds(), (thread, random) -> random.nextInt(TENANTS));
			List<TimedObjectStore.SegmentPut> segments = awaitShipped(store, tenants);
			double[] lags = lags(tenants, segments);
			for (Tenant tenant : tenants) {
				String now = bookmarks.current(new InstanceKey("bench", tenant.id));
				// Asking for the current bookmark may begin a generation (its snapshot due): then
				// there is nothing to compare.
				if (now.startsWith(tenant.bookmarkAfterRun().substring(0, 17)) && !now.equals(tenant.bookmarkAfterRun())) {
					throw new AssertionError("Tenant " + tenant.id + " is at " + now + ", its writes counted here give "
							+ tenant.bookmarkAfterRun());
				}
			}
			bench.results().result("replication.lag_writes", writes, "ops/s");
			bench.results().result("replication.lag_commits", lags.length, "commits");
			bench.results().result("replication.lag_p50", Measure.percentile(lags, 50) / 1e9, "s");
			bench.results().result("replication.lag_p99", Measure.percentile(lags, 99) / 1e9, "s", 1.5, true);
		}
	}

	/** Waits until a segment in the store holds every tenant's last commit; returns the segments. */
	private static List<TimedObjectStore.SegmentPut> awaitShipped(TimedObjectStore store, Tenant[] tenants)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
		while (true) {
			List<TimedObjectStore.SegmentPut> segments = store.segments();
			long[] shipped = new long[TENANTS];
			for (int i = 0; i < TENANTS; i++) {
				shipped[i] = tenants[i].firstCommit;
				for (TimedObjectStore.SegmentPut segment : tenants[i].segments(segments)) {
					shipped[i] = Math.max(shipped[i], segment.last());
				}
			}
			int behind = 0;
			for (int i = 0; i < TENANTS; i++) {
				behind += (shipped[i] < tenants[i].lastCommit()) ? 1 : 0;
			}
			if (behind == 0) {
				return segments;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError(behind + " tenants still had commits outside the store " + DRAIN_SECONDS
						+ " s after the writes stopped");
			}
			TimeUnit.MILLISECONDS.sleep(20);
		}
	}

	/** Per commit of the run, in nanoseconds: when the segment holding it was in the store, minus its time. */
	private static double[] lags(Tenant[] tenants, List<TimedObjectStore.SegmentPut> segments) {
		int total = 0;
		for (Tenant tenant : tenants) {
			total += tenant.count;
		}
		double[] lags = new double[total];
		int next = 0;
		for (Tenant tenant : tenants) {
			List<TimedObjectStore.SegmentPut> shipped = tenant.segments(segments);
			shipped.sort((a, b) -> Long.compare(a.first(), b.first()));
			int segment = 0;
			for (int i = 0; i < tenant.count; i++) {
				long commit = tenant.firstCommit + 1 + i;
				while (shipped.get(segment).last() < commit) {
					segment++;
				}
				if (shipped.get(segment).first() > commit) {
					throw new AssertionError("No segment of " + tenant.id + " holds commit " + commit);
				}
				lags[next++] = shipped.get(segment).completedNanos() - tenant.committedNanos[i];
			}
		}
		return lags;
	}

	/** One tenant of the run: where its history stood before, and its commits since. */
	private static final class Tenant {

		private final String id;

		private final String folder;

		private final String generation;

		private final long firstCommit;

		private final ReentrantLock lock = new ReentrantLock();

		private long[] committedNanos = new long[1024];

		private int count;

		/** The generation of the last segment seen, and where its positions start. */
		private String lastGeneration;

		private long lastOffset;

		/**
		 * @param folder the instance's file name, as segment keys give it
		 * @param bookmark its bookmark before the run
		 */
		Tenant(String id, String folder, String bookmark) {
			this.id = id;
			this.folder = folder;
			this.generation = bookmark.substring(0, 16);
			this.firstCommit = HexFormat.fromHexDigitsToLong(bookmark, 17, 33);
			this.lastGeneration = this.generation;
		}

		/** One write, which is this tenant's next commit: no other write to it runs meanwhile. */
		void write(BenchActions actions, String key) {
			this.lock.lock();
			try {
				Tenants.run(this.id, () -> actions.upsert(key, VALUE));
				long committed = System.nanoTime();
				if (this.count == this.committedNanos.length) {
					this.committedNanos = Arrays.copyOf(this.committedNanos, this.count * 2);
				}
				this.committedNanos[this.count++] = committed;
			}
			finally {
				this.lock.unlock();
			}
		}

		long lastCommit() {
			return this.firstCommit + this.count;
		}

		/** The bookmark of the tenant's last commit, in the generation its last segment began. */
		String bookmarkAfterRun() {
			return this.lastGeneration + "-" + HexFormat.of().toHexDigits(lastCommit() - this.lastOffset);
		}

		/**
		 * This tenant's segments among {@code all}, their positions counted as in the
		 * generation the run began in. A generation that begins meanwhile (its segments
		 * outgrew its snapshot) begins right after the previous one's last segment, under
		 * the writer lock: its position 0 is that segment's last commit.
		 */
		List<TimedObjectStore.SegmentPut> segments(List<TimedObjectStore.SegmentPut> all) {
			TreeMap<String, List<TimedObjectStore.SegmentPut>> generations = new TreeMap<>();
			for (TimedObjectStore.SegmentPut segment : all) {
				if (segment.folder().equals(this.folder) && segment.generation().compareTo(this.generation) >= 0) {
					generations.computeIfAbsent(segment.generation(), (g) -> new ArrayList<>()).add(segment);
				}
			}
			List<TimedObjectStore.SegmentPut> mine = new ArrayList<>();
			long offset = 0;
			this.lastGeneration = this.generation;
			this.lastOffset = 0;
			for (Map.Entry<String, List<TimedObjectStore.SegmentPut>> generation : generations.entrySet()) {
				if (!generation.getKey().equals(this.generation)) {
					offset = mine.stream().mapToLong(TimedObjectStore.SegmentPut::last).max().orElse(this.firstCommit);
				}
				for (TimedObjectStore.SegmentPut segment : generation.getValue()) {
					mine.add(new TimedObjectStore.SegmentPut(segment.folder(), this.generation, segment.first() + offset,
							segment.last() + offset, segment.completedNanos()));
				}
				this.lastGeneration = generation.getKey();
				this.lastOffset = offset;
			}
			return mine;
		}

	}

}
