package dev.durabledb.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.store.file.FileObjectStore;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Continuous replication (DESIGN.md section 9), every instance's commits shipped to the
 * default file store, against the same work without it:
 * <ul>
 * <li>{@code replication.insert_vs_off}: one-row write actions with replication on against
 * off, in alternating rounds as {@code insert.action_vs_raw} takes them
 * ({@link #insertVsOff});</li>
 * <li>{@code replication.lag_p99}: how long a commit takes to reach the store
 * ({@link ReplicationLag});</li>
 * <li>{@code replication.replicated_vs_local}: write throughput when an action returns only
 * once its commit is in the store, against once it is committed locally
 * ({@link #replicatedVsLocal});</li>
 * <li>{@code pitr.restore_vs_copy}: a restore to a bookmark against gunzip and copy
 * ({@link PointInTimeRestore});</li>
 * <li>{@code replication.idle_cpu}: CPU while many replicated tenants stay open and idle
 * ({@link IdleReplication});</li>
 * <li>{@code many.throughput_vs_single.replication_on}: {@code many.throughput_vs_single}
 * with replication on ({@link #manyTenants}).</li>
 * </ul>
 */
final class ReplicationBenchmarks {

	/** Replication on, shipping to the default store: the backups' folder. */
	static final Map<String, Object> ON = Map.of("durable-db.replication.enabled", "true", "durable-db.backup.enabled",
			"true");

	private static final String ACKNOWLEDGE = "durable-db.replication.acknowledge";

	private static final InstanceKey WRITER = new InstanceKey("bench", "writer");

	private static final String VALUE = Bench.value(100);

	/**
	 * The log size, in frames, at which the starter checkpoints after shipping, in
	 * {@link #insertVsOff}: below the frames of one round (about 2.1 per commit), so that
	 * each round starts from an empty log, as the rounds without replication do.
	 */
	private static final int CHECKPOINT_FRAMES = 400;

	/** Measured pairs of runs in {@link #replicatedVsLocal}. */
	private static final int PAIRS = 2;

	private ReplicationBenchmarks() {
	}

	static void run(Bench bench) throws Exception {
		insertVsOff(bench);
		ReplicationLag.run(bench);
		replicatedVsLocal(bench);
		PointInTimeRestore.run(bench);
		IdleReplication.run(bench);
		manyTenants(bench);
	}

	/** {@code base} with {@code extra} on top. */
	static Map<String, Object> with(Map<String, Object> base, Map<String, Object> extra) {
		Map<String, Object> all = new LinkedHashMap<>(base);
		all.putAll(extra);
		return all;
	}

	/**
	 * One-row write actions (the insert of {@code insert.action}) in two applications at
	 * once, one with replication off and one with it on, in alternating rounds of
	 * {@code writeOps} commits; the ratio is the median over the rounds of a replicated
	 * round divided by the round without replication just before it.
	 * <p>
	 * As in {@code insert.action_vs_raw}, every round starts from an empty log, outside the
	 * clock, and holds no checkpoint: without replication through a raw
	 * {@code wal_checkpoint(RESTART)}; with it, the starter's own way, as a round does once
	 * the log reached {@code checkpoint-frames}: ship everything, then fold the log into the
	 * file and truncate it ({@link Bookmarks#current} twice, with {@code checkpoint-frames}
	 * below a round's frames). Each side thus pays, once a round, the sync of a new log's
	 * header, as it would every 400-500 commits in steady state. What the replicated rounds
	 * pay beyond: the commit hook, and the shipping round the sync interval schedules, on
	 * the other core, in whichever round it falls.
	 */
	private static void insertVsOff(Bench bench) throws Exception {
		Sizes sizes = bench.sizes();
		try (ConfigurableApplicationContext off = bench.start(bench.newFolder("replication-off"), Map.of());
				ConfigurableApplicationContext on = bench.start(bench.newFolder("replication-on"),
						with(ON, Map.of("durable-db.replication.checkpoint-frames", CHECKPOINT_FRAMES)))) {
			BenchActions offActions = off.getBean(BenchActions.class);
			BenchActions onActions = on.getBean(BenchActions.class);
			Bookmarks bookmarks = on.getBean(Bookmarks.class);
			off.getBean(TenantDirectory.class).create(WRITER.instance());
			on.getBean(TenantDirectory.class).create(WRITER.instance());
			Path onFile = on.getBean(InstanceFiles.class).file(WRITER);
			Path onLog = onFile.resolveSibling(onFile.getFileName() + "-wal");
			long[] next = new long[1];
			int[] notRestarted = new int[1];
			try (Connection offLog = RawSqlite.open(off.getBean(InstanceFiles.class).file(WRITER));
					Tenants.Binding binding = Tenants.bind(WRITER.instance())) {
				double[][] nanos = Measure.alternatingAfter((body) -> {
					if (body == 0) {
						RawSqlite.restartLog(offLog);
					}
					else {
						bookmarks.current(WRITER);
						bookmarks.current(WRITER);
						if (Files.exists(onLog) && Files.size(onLog) > 0) {
							notRestarted[0]++;
						}
					}
				}, sizes.oneRowWarmups(), sizes.oneRowRounds(), sizes.writeOps(), (ops) -> {
					for (int i = 0; i < ops; i++) {
						offActions.insert("off" + next[0]++, VALUE);
					}
				}, (ops) -> {
					for (int i = 0; i < ops; i++) {
						onActions.insert("on" + next[0]++, VALUE);
					}
				});
				bench.results().result("replication.insert_on", Measure.median(nanos[1]) / 1000, "us/op");
				bench.results().result("replication.insert_off", Measure.median(nanos[0]) / 1000, "us/op");
				bench.results().ratio("replication.insert_vs_off", Measure.medianRatio(nanos[1], nanos[0]), 1.15, true);
				if (notRestarted[0] > 0) {
					bench.results().note("replication.insert_vs_off", notRestarted[0] + " of "
							+ (sizes.oneRowWarmups() + sizes.oneRowRounds())
							+ " replicated rounds started with a log the starter had not checkpointed");
				}
			}
		}
	}

	/**
	 * Write throughput of 8 threads, each on a tenant of its own, with
	 * {@code durable-db.replication.acknowledge=replicated} (an action returns once its
	 * commit is in the store) against {@code local} (once it is committed), two applications
	 * shipping to their file stores. Each tenant is written and shipped first, so that
	 * generations begin outside the runs. The two sides run in turn, {@value #PAIRS} pairs
	 * of a third of the throughput time each, the side that goes first alternating; after
	 * each run, outside the clock, {@link Bookmarks#current} ships what its tenants still
	 * hold, so that no run pays for shipping the other side's writes. The ratio is the
	 * median over the pairs of replicated divided by local.
	 */
	private static void replicatedVsLocal(Bench bench) throws Exception {
		Sizes sizes = bench.sizes();
		try (ConfigurableApplicationContext local = bench.start(bench.newFolder("acknowledge-local"),
				with(ON, Map.of(ACKNOWLEDGE, "local")));
				ConfigurableApplicationContext replicated = bench.start(bench.newFolder("acknowledge-replicated"),
						with(ON, Map.of(ACKNOWLEDGE, "replicated")))) {
			OwnTenants[] sides = { new OwnTenants(local), new OwnTenants(replicated) };
			double[][] throughputs = new double[2][PAIRS];
			for (int pair = 0; pair < PAIRS; pair++) {
				for (int turn = 0; turn < 2; turn++) {
					int side = (pair + turn) % 2;
					throughputs[side][pair] = ThroughputBenchmarks.throughput(sides[side]::write, OwnTenants.COUNT,
							sizes.throughputSeconds() / 3, (thread, random) -> thread);
					sides[side].shipAll();
				}
			}
			bench.results().result("replication.local_throughput", Measure.median(throughputs[0]), "ops/s");
			bench.results().result("replication.replicated_throughput", Measure.median(throughputs[1]), "ops/s");
			bench.results().ratio("replication.replicated_vs_local", Measure.medianRatio(throughputs[1], throughputs[0]),
					0.50, false);
			double floor = storePutFloor(bench, sizes.throughputSeconds() / 3);
			bench.results().result("replication.store_put_floor", floor, "ops/s");
			bench.results().ratio("replication.replicated_vs_put_floor", Measure.median(throughputs[1]) / floor, 0.50, false);
		}
	}

	/**
	 * The floor of a replicated write on this machine: 8 threads each putting one small
	 * object after the other into a file store of their own folder, as a segment of one
	 * commit is put (a synced file renamed into place, its folder synced), nothing else.
	 */
	private static double storePutFloor(Bench bench, double seconds) throws Exception {
		FileObjectStore store = new FileObjectStore(bench.newFolder("put-floor"));
		byte[] segment = new byte[3 * 1024];
		new java.util.SplittableRandom(1).nextBytes(segment);
		return ThroughputBenchmarks.throughput((thread, key) -> store.put("floor/" + thread + "/" + key, segment),
				OwnTenants.COUNT, seconds, (thread, random) -> thread);
	}

	/**
	 * {@code many.throughput_vs_single} as the throughput scenario measures it, in an
	 * application with replication on: the same tenants, {@code max-open}, threads, Zipf
	 * run and open-tenant baseline ({@link ThroughputBenchmarks#manyVsSingle}). Reported
	 * without a target: what replication does to the figure.
	 */
	private static void manyTenants(Bench bench) throws Exception {
		try (ConfigurableApplicationContext context = ThroughputBenchmarks.startWithManyTenants(bench,
				bench.newFolder("replication-many"), ON)) {
			ThroughputBenchmarks.ManyVsSingle run;
			try {
				run = ThroughputBenchmarks.manyVsSingle(context, bench.sizes());
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof InstanceBusyException busy)) {
					throw ex;
				}
				// A round that finds the log past checkpoint-frames ships it and checkpoints
				// under the writer lock; at these rates the log holds tens of MiB by then.
				bench.results().skipped("many.throughput_vs_single.replication_on",
						"a write action failed: " + busy.getMessage());
				return;
			}
			bench.results().result("many.zipf_throughput.replication_on", run.many(), "ops/s");
			bench.results().result("many.open_tenants_throughput.replication_on", run.single(), "ops/s");
			bench.results().result("many.throughput_vs_single.replication_on", run.ratio(), "ratio");
		}
	}

	/** Tenants {@code a0} to {@code a7} of one application, one per writing thread. */
	private static final class OwnTenants {

		static final int COUNT = 8;

		private final BenchActions actions;

		private final Bookmarks bookmarks;

		/** Creates the tenants, writes each once and ships it: its generation begins here. */
		OwnTenants(ConfigurableApplicationContext context) {
			this.actions = context.getBean(BenchActions.class);
			this.bookmarks = context.getBean(Bookmarks.class);
			for (int i = 0; i < COUNT; i++) {
				context.getBean(TenantDirectory.class).create("a" + i);
				write(i, "first");
			}
			shipAll();
		}

		void write(int tenant, String key) {
			Tenants.run("a" + tenant, () -> this.actions.upsert(key, VALUE));
		}

		void shipAll() {
			for (int i = 0; i < COUNT; i++) {
				this.bookmarks.current(new InstanceKey("bench", "a" + i));
			}
		}

	}

}
