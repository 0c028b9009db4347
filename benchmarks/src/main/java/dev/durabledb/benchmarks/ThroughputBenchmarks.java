package dev.durabledb.benchmarks;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durabledb.backup.BackupSweep;
import dev.durabledb.backup.BackupSweepResult;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput of write actions: 8 threads over many tenants chosen by a Zipf distribution
 * (with {@code max-open} far below the tenant count) against the same threads over 8
 * tenants that stay open; 2 threads on 2 tenants against 1 on 1. Also: open file
 * descriptors and heap during and after the many-tenant run, and a scheduled backup run
 * over tenants that did not change.
 */
final class ThroughputBenchmarks {

	private static final String VALUE = Bench.value(100);

	private ThroughputBenchmarks() {
	}

	static void run(Bench bench) throws Exception {
		Sizes sizes = bench.sizes();
		Path folder = bench.newFolder("throughput");
		try (ConfigurableApplicationContext context = startWithManyTenants(bench, folder, Map.of())) {
			BenchActions actions = context.getBean(BenchActions.class);
			InstanceRegistry registry = context.getBean(InstanceRegistry.class);
			Write upsert = upsert(actions);
			ManyVsSingle run = manyVsSingle(context, sizes);
			double many = run.many();
			double opensPerSecond = run.opensPerSecond();
			bench.results().result("many.zipf_throughput", many, "ops/s");
			bench.results().result("many.open_tenants_throughput", run.single(), "ops/s");
			bench.results().ratio("many.throughput_vs_single", run.ratio(), 0.40, false);
			bench.results().result("many.opens", opensPerSecond, "opens/s");
			bench.results().result("many.peak_open_fds", run.peakOpenFds(), "fds");
			bench.results().result("many.open_instances_after", registry.openInstances(), "instances");
			System.gc();
			Runtime runtime = Runtime.getRuntime();
			bench.results().result("many.heap_after", (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0, "MiB");

			double rawMany = rawZipf(folder, sizes);
			bench.results().result("many.raw_zipf_throughput", rawMany, "ops/s");
			bench.results().ratio("many.zipf_vs_raw", many / rawMany, 0.80, false);

			rawColdWrite(bench, folder);
			double closes = rawDirtyCloses(bench, folder);
			// Every miss of the Zipf run opens a tenant and, sooner or later, closes a tenant it wrote to:
			// the disk's rate of such closes bounds the throughput whatever the starter does.
			double missFraction = opensPerSecond / many;
			bench.results().result("many.miss_fraction", missFraction, "misses/op");
			bench.results().result("many.ceiling_from_closes", closes / missFraction, "ops/s");
			bench.results().ratio("many.zipf_vs_ceiling", many / (closes / missFraction), 0.80, false);

			double one = throughput(upsert, 1, sizes.throughputSeconds(), (thread, random) -> 100 + thread);
			double two = throughput(upsert, 2, sizes.throughputSeconds(), (thread, random) -> 200 + thread);
			bench.results().result("parallel.one_tenant_one_thread", one, "ops/s");
			bench.results().result("parallel.two_tenants_two_threads", two, "ops/s");
			bench.results().ratio("parallel.scaling", two / one, 1.50, false);

			BackupSweep backups = context.getBean(BackupSweep.class);
			long start = System.nanoTime();
			BackupSweepResult first = backups.runScheduled();
			bench.results().result("backup.scheduled_first_run", (System.nanoTime() - start) / 1e9, "s");
			start = System.nanoTime();
			BackupSweepResult unchanged = backups.runScheduled();
			double seconds = (System.nanoTime() - start) / 1e9;
			if (unchanged.backedUp() != 0 || unchanged.skipped() != first.backedUp() + first.skipped()) {
				throw new AssertionError("The second run should skip every tenant: " + unchanged);
			}
			bench.results().result("backup.scheduled_unchanged_" + unchanged.skipped() + "_tenants", seconds, "s");
		}
	}

	/**
	 * Starts the application of {@link #manyVsSingle}: {@code max-open} and the tenants of
	 * the Zipf run ({@code t0}, {@code t1}, ...), created, with {@code properties} on top.
	 */
	static ConfigurableApplicationContext startWithManyTenants(Bench bench, Path folder, Map<String, Object> properties) {
		Sizes sizes = bench.sizes();
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("durable-db.instances.max-open", sizes.maxOpen());
		all.putAll(properties);
		ConfigurableApplicationContext context = bench.start(folder, all);
		TenantDirectory tenants = context.getBean(TenantDirectory.class);
		for (int i = 0; i < sizes.manyTenants(); i++) {
			tenants.create("t" + i);
		}
		return context;
	}

	/**
	 * The two runs of {@code many.throughput_vs_single}, on an application that
	 * {@link #startWithManyTenants} started: write actions from 8 threads over 8 tenants that
	 * stay open, then over all the tenants by Zipf (s = 1.1). Each runs once unmeasured
	 * first, so that the first touch of a tenant in this process (file creation, first
	 * open) is not counted.
	 */
	static ManyVsSingle manyVsSingle(ConfigurableApplicationContext context, Sizes sizes) throws Exception {
		Write upsert = upsert(context.getBean(BenchActions.class));
		InstanceRegistry registry = context.getBean(InstanceRegistry.class);
		throughput(upsert, 8, sizes.throughputSeconds(), (thread, random) -> thread);
		double single = throughput(upsert, 8, sizes.throughputSeconds(), (thread, random) -> thread);
		FdSampler fds = new FdSampler();
		fds.start();
		Zipf zipf = new Zipf(sizes.manyTenants(), 1.1);
		Zipf warmup = new Zipf(sizes.manyTenants(), 1.1);
		throughput(upsert, 8, sizes.throughputSeconds(), (thread, random) -> warmup.next(random));
		double many;
		long opensBefore = registry.opens();
		long started = System.nanoTime();
		try {
			many = throughput(upsert, 8, sizes.throughputSeconds(), (thread, random) -> zipf.next(random));
		}
		finally {
			fds.stop();
		}
		double opensPerSecond = (registry.opens() - opensBefore) / ((System.nanoTime() - started) / 1e9);
		return new ManyVsSingle(single, many, opensPerSecond, fds.peak());
	}

	/** An upsert of one row into tenant {@code t<n>}. */
	private static Write upsert(BenchActions actions) {
		return (tenant, key) -> Tenants.run("t" + tenant, () -> actions.upsert(key, VALUE));
	}

	/**
	 * The Zipf run without durable-db ({@link RawTenantCache}): the same threads, tenants,
	 * bound on open files, warm-up and writes.
	 */
	private static double rawZipf(Path folder, Sizes sizes) throws Exception {
		try (RawTenantCache raw = new RawTenantCache(folder.resolve("raw-zipf"), Bench.template(folder),
				sizes.manyTenants(), sizes.maxOpen())) {
			Write upsert = (tenant, key) -> raw.upsert(tenant, key, VALUE);
			Zipf warmup = new Zipf(sizes.manyTenants(), 1.1);
			throughput(upsert, 8, sizes.throughputSeconds(), (thread, random) -> warmup.next(random));
			Zipf zipf = new Zipf(sizes.manyTenants(), 1.1);
			return throughput(upsert, 8, sizes.throughputSeconds(), (thread, random) -> zipf.next(random));
		}
	}

	/** Writes per second from {@code threads} threads, tenant by thread or by Zipf rank. */
	static double throughput(Write write, int threads, double seconds, TenantChooser tenants)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger operations = new AtomicInteger();
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int thread = 0; thread < threads; thread++) {
			int t = thread;
			futures.add(pool.submit(() -> {
				SplittableRandom random = new SplittableRandom(t);
				ready.countDown();
				go.await();
				int i = 0;
				while (!stop.get()) {
					write.run(tenants.choose(t, random), "w" + t + "-" + (i++));
					operations.incrementAndGet();
				}
				return null;
			}));
		}
		ready.await();
		long start = System.nanoTime();
		go.countDown();
		// Warm-up: the first fifth of the time is not counted. This thread sleeps meanwhile:
		// on 2 cores a spinning timer would take a core from the workers.
		TimeUnit.NANOSECONDS.sleep(Math.max(0, start + (long) (seconds * 0.2e9) - System.nanoTime()));
		int before = operations.get();
		long measureStart = System.nanoTime();
		TimeUnit.NANOSECONDS.sleep((long) (seconds * 1e9));
		int counted = operations.get() - before;
		double elapsed = (System.nanoTime() - measureStart) / 1e9;
		stop.set(true);
		try {
			for (Future<?> future : futures) {
				future.get(1, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdown();
		}
		return counted / elapsed;
	}

	/**
	 * What a cache miss costs at the least, without durable-db: open a closed tenant file
	 * raw, write one row, close it (SQLite then folds the log into the file and syncs it).
	 */
	private static void rawColdWrite(Bench bench, Path folder) throws Exception {
		Path raw = java.nio.file.Files.createDirectories(folder.resolve("raw-cold"));
		Path template = Bench.template(folder);
		int count = 200;
		for (int i = 0; i < count; i++) {
			java.nio.file.Files.copy(template, raw.resolve("c" + i + ".db"));
		}
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			try (java.sql.Connection connection = RawSqlite.open(raw.resolve("c" + i + ".db"));
					java.sql.PreparedStatement insert = connection
						.prepareStatement("INSERT INTO items (k, v) VALUES ('k', 'v')")) {
				connection.setAutoCommit(false);
				insert.executeUpdate();
				connection.commit();
			}
		}
		bench.results().result("many.raw_open_write_close", (System.nanoTime() - start) / 1000.0 / count, "us/op");
	}

	/**
	 * How many tenants that were written to the disk can close per second, without
	 * durable-db: 4 threads close raw connections that each wrote one row (each close folds
	 * the log into the file and syncs it).
	 */
	private static double rawDirtyCloses(Bench bench, Path folder) throws Exception {
		Path raw = java.nio.file.Files.createDirectories(folder.resolve("raw-closes"));
		Path template = Bench.template(folder);
		int count = 400;
		List<java.sql.Connection> open = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Path file = raw.resolve("c" + i + ".db");
			java.nio.file.Files.copy(template, file);
			java.sql.Connection connection = RawSqlite.open(file);
			try (java.sql.Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO items (k, v) VALUES ('k', 'v')");
			}
			open.add(connection);
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		long start = System.nanoTime();
		List<Future<?>> closes = new ArrayList<>();
		for (java.sql.Connection connection : open) {
			closes.add(pool.submit(() -> {
				connection.close();
				return null;
			}));
		}
		for (Future<?> close : closes) {
			close.get(1, TimeUnit.MINUTES);
		}
		double perSecond = count / ((System.nanoTime() - start) / 1e9);
		pool.shutdown();
		bench.results().result("many.raw_dirty_closes", perSecond, "closes/s");
		return perSecond;
	}

	/**
	 * What {@link #manyVsSingle} measured.
	 *
	 * @param single writes per second on 8 open tenants
	 * @param many writes per second over the Zipf run's tenants
	 * @param opensPerSecond instances opened per second in the Zipf run (cache misses)
	 * @param peakOpenFds the most file descriptors open at once during the Zipf run
	 */
	record ManyVsSingle(double single, double many, double opensPerSecond, int peakOpenFds) {

		double ratio() {
			return this.many / this.single;
		}

	}

	/** One write of one row into one tenant. */
	@FunctionalInterface
	interface Write {

		void run(int tenant, String key) throws Exception;

	}

	/** Which tenant a thread writes to next. */
	@FunctionalInterface
	interface TenantChooser {

		int choose(int thread, SplittableRandom random);

	}

	/** Samples the number of open file descriptors of this process (Linux), every 20 ms. */
	static final class FdSampler {

		private final AtomicInteger peak = new AtomicInteger();

		private final java.util.concurrent.ScheduledExecutorService sampler = Executors
			.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "fd-sampler");
				thread.setDaemon(true);
				return thread;
			});

		void start() {
			File fds = new File("/proc/self/fd");
			this.sampler.scheduleAtFixedRate(() -> {
				String[] names = fds.list();
				if (names != null) {
					this.peak.accumulateAndGet(names.length, Math::max);
				}
			}, 0, 20, TimeUnit.MILLISECONDS);
		}

		void stop() throws InterruptedException {
			this.sampler.shutdown();
			this.sampler.awaitTermination(10, TimeUnit.SECONDS);
		}

		int peak() {
			return this.peak.get();
		}

	}

}
