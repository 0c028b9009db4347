package dev.durabledb.benchmarks;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import dev.durabledb.backup.BackupManifest;
import dev.durabledb.backup.BackupOperations;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Backup and restore of one large tenant: backup (snapshot, compression, store) against
 * {@code Files.copy} and gzip of the same file; write-action latency while that tenant is
 * being backed up against none; restore (with every check) against gunzip and
 * {@code Files.copy}.
 */
final class BackupBenchmarks {

	private static final int BUFFER = 1 << 16;

	private BackupBenchmarks() {
	}

	static void run(Bench bench) throws Exception {
		Sizes sizes = bench.sizes();
		Path folder = bench.newFolder("backup");
		try (ConfigurableApplicationContext context = bench.start(folder,
				Map.of("durable-db.backup.retention.keep-last", "100"))) {
			BenchActions actions = context.getBean(BenchActions.class);
			BackupOperations backups = context.getBean(BackupOperations.class);
			context.getBean(TenantDirectory.class).create("big");
			fill(actions, sizes.backupMegabytes());
			Path file = context.getBean(InstanceFiles.class).file(new InstanceKey("bench", "big"));
			RawSqlite.checkpoint(file);
			double megabytes = Files.size(file) / 1048576.0;
			bench.results().result("backup.tenant_size", megabytes, "MiB");

			int rounds = Math.max(2, sizes.rounds() - 2);
			double[] durable = new double[rounds];
			double[] baseline = new double[rounds];
			BackupManifest last = null;
			Path scratch = Files.createDirectories(folder.resolve("scratch"));
			for (int round = -1; round < rounds; round++) {
				long start = System.nanoTime();
				last = backups.backup("bench", "big");
				double durableSeconds = (System.nanoTime() - start) / 1e9;
				start = System.nanoTime();
				Path copy = scratch.resolve("copy.db");
				Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				gzip(copy, scratch.resolve("copy.db.gz"));
				double baselineSeconds = (System.nanoTime() - start) / 1e9;
				if (round >= 0) {
					durable[round] = megabytes / durableSeconds;
					baseline[round] = megabytes / baselineSeconds;
				}
			}
			bench.results().result("backup.durable", Measure.median(durable), "MiB/s");
			bench.results().result("backup.copy_gzip", Measure.median(baseline), "MiB/s");
			bench.results().ratio("backup.vs_copy", Measure.median(durable) / Measure.median(baseline), 0.70, false);

			writerLatency(bench, actions, backups);

			double[] restore = new double[rounds];
			double[] plain = new double[rounds];
			for (int round = -1; round < rounds; round++) {
				long start = System.nanoTime();
				backups.restore("bench", "big", last.id());
				double restoreSeconds = (System.nanoTime() - start) / 1e9;
				start = System.nanoTime();
				Path unzipped = scratch.resolve("unzipped.db");
				gunzip(scratch.resolve("copy.db.gz"), unzipped);
				Files.copy(unzipped, scratch.resolve("restored.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				double plainSeconds = (System.nanoTime() - start) / 1e9;
				if (round >= 0) {
					restore[round] = restoreSeconds;
					plain[round] = plainSeconds;
				}
			}
			bench.results().result("restore.durable", Measure.median(restore), "s");
			bench.results().result("restore.gunzip_copy", Measure.median(plain), "s");
			bench.results().ratio("restore.vs_copy", Measure.median(restore) / Measure.median(plain), 2.00, true);
		}
	}

	/** p99 of small write actions on the tenant, with no backup and during one. */
	private static void writerLatency(Bench bench, BenchActions actions, BackupOperations backups) throws Exception {
		long[] idle = new long[2_000_000];
		long[] during = new long[2_000_000];
		int idleCount = timeWrites(actions, idle,
				() -> java.util.concurrent.TimeUnit.NANOSECONDS.sleep((long) (bench.sizes().throughputSeconds() * 1e9)));
		int duringCount = timeWrites(actions, during, () -> backups.backup("bench", "big"));
		double idleP99 = Measure.percentile(idle, idleCount, 99) / 1000;
		double duringP99 = Measure.percentile(during, duringCount, 99) / 1000;
		bench.results().result("backup.writer_p99_idle", idleP99, "us");
		bench.results().result("backup.writer_p99_during", duringP99, "us");
		bench.results().result("backup.writer_p50_during", Measure.percentile(during, duringCount, 50) / 1000, "us");
		bench.results().ratio("backup.writer_p99_vs_idle", duringP99 / idleP99, 2.00, true);
	}

	/** Times write actions on another thread while {@code meanwhile} runs; returns how many. */
	private static int timeWrites(BenchActions actions, long[] latencies, Work meanwhile)
			throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		int[] count = { 0 };
		Thread writer = new Thread(() -> {
			try (Tenants.Binding binding = Tenants.bind("big")) {
				int i = 0;
				while (!stop.get() && count[0] < latencies.length) {
					long start = System.nanoTime();
					actions.upsert("latency-" + (i++ % 1000), "v");
					latencies[count[0]++] = System.nanoTime() - start;
				}
			}
		}, "latency-writer");
		writer.start();
		try {
			meanwhile.run();
		}
		finally {
			stop.set(true);
			writer.join();
		}
		return count[0];
	}

	/** Fills tenant {@code big} with about {@code megabytes} MiB of 4,000-character rows, 500 to a commit. */
	static void fill(BenchActions actions, int megabytes) throws SQLException {
		String value = Bench.value(4000);
		int rows = (int) (megabytes * 1048576L / 4100);
		try (Tenants.Binding binding = Tenants.bind("big")) {
			for (int done = 0; done < rows; done += 500) {
				actions.insertBatch("fill-" + done + "-", Math.min(500, rows - done), value);
			}
		}
	}


	private static void gzip(Path source, Path target) throws Exception {
		try (InputStream in = Files.newInputStream(source);
				OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(target), BUFFER),
						BUFFER)) {
			in.transferTo(out);
		}
	}

	static void gunzip(Path source, Path target) throws Exception {
		try (InputStream in = new GZIPInputStream(Files.newInputStream(source), BUFFER);
				OutputStream out = Files.newOutputStream(target)) {
			in.transferTo(out);
		}
	}

	@FunctionalInterface
	interface Work {

		void run() throws Exception;

	}

}
