package dev.durabledb.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What replication costs while nothing happens ({@code replication.idle_cpu}): the
 * process's CPU time ({@code getProcessCpuTime}: every thread, the JVM's own included)
 * over {@code idleSeconds} (60 s; 10 s quick) during which {@code idleTenants} (10,000;
 * 1,000 quick) replicated tenants stay open and nobody writes, in CPU seconds per minute.
 * Each tenant is created, written once and {@link Bookmarks#current shipped} (its
 * generation begun) before the window; the window starts once their rounds are past.
 * Beside it, {@code replication.idle_cpu_java_threads}: the same for the Java threads only
 * (the starter's, Spring's, the caches'), which tells what durable-db does from what the
 * JVM does on its own (garbage collection, compilation).
 * <p>
 * An open tenant holds about 4 file descriptors here (its file, its log and its shared
 * memory among them), and this machine allows 20,000: 10,000 tenants cannot be open at
 * once. Tenants are opened while the descriptors in use leave 1,500 free, and the figure is
 * measured over as many as fit ({@code replication.idle_tenants}); a {@code NOTE} line says
 * when that is fewer than asked.
 */
final class IdleReplication {

	/** File descriptors left free for the store, the rounds' reads and the JVM. */
	private static final int HEADROOM = 1500;

	private static final int BATCH = 100;

	private static final int FDS_PER_INSTANCE = 4;

	private IdleReplication() {
	}

	static void run(Bench bench) throws Exception {
		Sizes sizes = bench.sizes();
		UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		Path folder = bench.newFolder("replication-idle");
		Map<String, Object> properties = ReplicationBenchmarks.with(ReplicationBenchmarks.ON,
				Map.of("durable-db.instances.max-open", sizes.idleTenants() + BATCH));
		try (ConfigurableApplicationContext context = bench.start(folder, properties)) {
			int opened = openAndShip(context, sizes.idleTenants(), os);
			// The rounds each first write scheduled (one sync interval later) find nothing left to ship.
			TimeUnit.SECONDS.sleep(2);
			System.gc();
			TimeUnit.MILLISECONDS.sleep(500);
			long cpuBefore = os.getProcessCpuTime();
			long threadsBefore = javaThreadsCpu();
			long start = System.nanoTime();
			TimeUnit.SECONDS.sleep(sizes.idleSeconds());
			double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
			double threadsSeconds = (javaThreadsCpu() - threadsBefore) / 1e9;
			double minutes = (System.nanoTime() - start) / 60e9;
			int open = context.getBean(InstanceRegistry.class).openInstances();
			if (open < opened) {
				throw new AssertionError(opened + " tenants were opened, " + open + " were still open after the window");
			}
			long fds = os.getOpenFileDescriptorCount();
			bench.results().result("replication.idle_tenants", open, "instances");
			bench.results().result("replication.idle_open_fds", fds, "fds");
			bench.results().result("replication.idle_cpu", cpuSeconds / minutes, "s/min", 0.5, true);
			bench.results().result("replication.idle_cpu_java_threads", threadsSeconds / minutes, "s/min");
			if (open < sizes.idleTenants()) {
				bench.results().note("replication.idle_cpu", "measured over " + open + " open tenants, not "
						+ sizes.idleTenants() + ": " + os.getMaxFileDescriptorCount() + " file descriptors allowed, "
						+ String.format(Locale.ROOT, "%.1f", fds / (double) open) + " in use per open tenant");
			}
		}
	}

	/**
	 * CPU nanoseconds of the Java threads alive now: the starter's, Spring's, the
	 * caches'; not the JVM's own (garbage collection, compilation).
	 */
	private static long javaThreadsCpu() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long total = 0;
		for (long id : threads.getAllThreadIds()) {
			total += Math.max(0, threads.getThreadCpuTime(id));
		}
		return total;
	}

	/**
	 * Creates, writes once and ships up to {@code wanted} tenants, a batch at a time on 4
	 * threads, while the file descriptors allow; returns how many.
	 */
	private static int openAndShip(ConfigurableApplicationContext context, int wanted, UnixOperatingSystemMXBean os)
			throws Exception {
		TenantDirectory tenants = context.getBean(TenantDirectory.class);
		BenchActions actions = context.getBean(BenchActions.class);
		Bookmarks bookmarks = context.getBean(Bookmarks.class);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		int opened = 0;
		try {
			while (opened < wanted && os.getOpenFileDescriptorCount()
					+ (long) Math.min(BATCH, wanted - opened) * FDS_PER_INSTANCE + HEADROOM <= os.getMaxFileDescriptorCount()) {
				List<Future<?>> batch = new ArrayList<>();
				for (int i = opened; i < Math.min(opened + BATCH, wanted); i++) {
					String id = "idle" + i;
					batch.add(pool.submit(() -> {
						tenants.create(id);
						Tenants.run(id, () -> actions.upsert("k", "v"));
						return bookmarks.current(new InstanceKey("bench", id));
					}));
				}
				for (Future<?> future : batch) {
					future.get(1, TimeUnit.MINUTES);
				}
				opened += batch.size();
			}
		}
		finally {
			pool.shutdown();
		}
		return opened;
	}

}
