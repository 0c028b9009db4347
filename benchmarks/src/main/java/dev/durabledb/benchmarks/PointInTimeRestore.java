package dev.durabledb.benchmarks;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restore to a bookmark ({@code pitr.restore_vs_copy}): {@link Bookmarks#restore} of a
 * tenant of {@code backupMegabytes} (256 MiB; 32 MiB quick) to the bookmark of its last
 * commit, with {@code segmentMegabytes} (64 MiB; 8 MiB quick) of segments in the store after
 * its generation's snapshot, against the least any restore from those files does: gunzip
 * the snapshot and copy it into place (the baseline of {@code restore.vs_copy}), and read
 * every segment file.
 * <p>
 * The restore is timed whole: the snapshot fetched and decompressed, every frame of every
 * commit written over it, the sync, SQLite's integrity check and the same-database check,
 * the quiesced swap with its undo bookmark, the replaced file kept as a pre-restore
 * backup. The tenant is filled with replication off, so that the generation its first
 * commit with replication on begins has all of it in its snapshot; the segments after it
 * are rows of random letters (gzip leaves about 60 % of them), one commit each. A restored
 * tenant begins a new generation with its next commit: between rounds, outside the clock,
 * one write and {@link Bookmarks#current} do that, as the tenant's next write would, so
 * that each restore finds the tenant as a written tenant is (else sealing its undo
 * bookmark would snapshot it inside the clock).
 */
final class PointInTimeRestore {

	private static final InstanceKey BIG = new InstanceKey("bench", "big");

	private static final int ROW_CHARS = 4000;

	/** Rows written between two looks at what the segments weigh. */
	private static final int ROWS_PER_LOOK = 1000;

	private PointInTimeRestore() {
	}

	static void run(Bench bench) throws Exception {
		Sizes sizes = bench.sizes();
		Path folder = bench.newFolder("pitr");
		try (ConfigurableApplicationContext context = bench.start(folder,
				Map.of("durable-db.replication.enabled", "false"))) {
			context.getBean(TenantDirectory.class).create("big");
			BackupBenchmarks.fill(context.getBean(BenchActions.class), sizes.backupMegabytes());
		}
		try (ConfigurableApplicationContext context = bench.start(folder, ReplicationBenchmarks.ON)) {
			BenchActions actions = context.getBean(BenchActions.class);
			Bookmarks bookmarks = context.getBean(Bookmarks.class);
			Tenants.run("big", () -> actions.upsert("pitr", "generation"));
			String generation = bookmarks.current(BIG).substring(0, 16);
			Path history = folder.resolve("backups/replication/bench")
				.resolve(context.getBean(InstanceFiles.class).file(BIG).getFileName().toString())
				.resolve(generation);
			String bookmark = writeSegments(actions, bookmarks, history, sizes.segmentMegabytes() * 1048576L);
			if (!bookmark.startsWith(generation)) {
				throw new AssertionError("The tenant began generation " + bookmark + " while its segments were written");
			}
			List<Path> segments = segments(history);
			Path scratch = Files.createDirectories(folder.resolve("scratch"));
			Path unzipped = scratch.resolve("unzipped.db");

			int rounds = Math.max(2, sizes.rounds() - 4);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			double[] restore = new double[rounds];
			double[] swap = new double[rounds];
			double[] plain = new double[rounds];
			for (int round = -1; round < rounds; round++) {
				double swapBefore = restoreTimers(meters);
				long start = System.nanoTime();
				bookmarks.restore(BIG, bookmark);
				double restoreSeconds = (System.nanoTime() - start) / 1e9;
				double swapSeconds = restoreTimers(meters) - swapBefore;
				start = System.nanoTime();
				BackupBenchmarks.gunzip(history.resolve("snapshot.db.gz"), unzipped);
				Files.copy(unzipped, scratch.resolve("restored.db"), StandardCopyOption.REPLACE_EXISTING);
				for (Path segment : segments) {
					try (InputStream in = Files.newInputStream(segment)) {
						in.transferTo(OutputStream.nullOutputStream());
					}
				}
				double plainSeconds = (System.nanoTime() - start) / 1e9;
				if (round >= 0) {
					restore[round] = restoreSeconds;
					swap[round] = swapSeconds;
					plain[round] = plainSeconds;
				}
				String value = "after round " + round;
				Tenants.run("big", () -> actions.upsert("pitr", value));
				bookmarks.current(BIG);
			}
			bench.results().result("pitr.tenant_size", Files.size(unzipped) / 1048576.0, "MiB");
			bench.results().result("pitr.segments_size", size(segments) / 1048576.0, "MiB");
			bench.results().result("pitr.restore", Measure.median(restore), "s");
			bench.results().result("pitr.restore_checks_and_swap", Measure.median(swap), "s");
			bench.results().result("pitr.gunzip_copy_read", Measure.median(plain), "s");
			bench.results().ratio("pitr.restore_vs_copy", Measure.median(restore) / Measure.median(plain), 3.00, true);
		}
	}

	/**
	 * Writes rows of random letters, one commit each, until the segments of the tenant's
	 * generation weigh {@code bytes} in the store; returns the bookmark of the last commit.
	 */
	private static String writeSegments(BenchActions actions, Bookmarks bookmarks, Path history, long bytes)
			throws Exception {
		SplittableRandom random = new SplittableRandom(42);
		char[] row = new char[ROW_CHARS];
		int written = 0;
		String bookmark = bookmarks.current(BIG);
		while (size(segments(history)) < bytes) {
			try (Tenants.Binding binding = Tenants.bind("big")) {
				for (int i = 0; i < ROWS_PER_LOOK; i++) {
					for (int c = 0; c < row.length; c++) {
						row[c] = (char) ('a' + random.nextInt(26));
					}
					actions.insert("segment-" + (written++), new String(row));
				}
			}
			bookmark = bookmarks.current(BIG);
		}
		return bookmark;
	}

	/**
	 * The seconds spent so far in restores of staged files ({@code durabledb.restores}):
	 * the checks, the quiesced swap and the pre-restore backup, without the rebuild.
	 */
	private static double restoreTimers(MeterRegistry meters) {
		return meters.find("durabledb.restores").timers().stream().mapToDouble((timer) -> timer.totalTime(TimeUnit.SECONDS)).sum();
	}

	private static List<Path> segments(Path history) throws Exception {
		try (Stream<Path> files = Files.list(history)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".segment")).sorted().toList();
		}
	}

	private static long size(List<Path> files) throws Exception {
		long size = 0;
		for (Path file : files) {
			size += Files.size(file);
		}
		return size;
	}

}
