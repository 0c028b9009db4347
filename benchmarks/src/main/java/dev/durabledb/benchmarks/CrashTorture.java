package dev.durabledb.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.durabledb.backup.BackupManifest;
import dev.durabledb.backup.BackupOperations;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.tenant.TenantAlreadyExistsException;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import org.sqlite.SQLiteConfig;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Kills a process that runs restores, migrations, creations, backups and writes at random
 * instants ({@code SIGKILL}: no shutdown hook, no {@code finally}), restarts it on the same
 * data dir each time, and counts what a crash may never cause: tenants lost, tenants that
 * cannot be opened (locked), files that fail SQLite's integrity check, and the starter's
 * leftovers after the restart. Not part of the test run; run it on its own:
 *
 * <pre>
 * java -Dloader.main=dev.durabledb.benchmarks.CrashTorture -cp benchmarks/target/durable-db-benchmarks.jar \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --kills=100
 * </pre>
 *
 * Every third run deploys a changelog with one more changeset, so that tenants migrate
 * (and templates are rebuilt) while the kills land. Exits non-zero when anything was
 * lost, locked, corrupt or left behind.
 */
public final class CrashTorture {

	private static final String READY = "TORTURE-READY";

	/** Interrupted restores the restarts rolled back or completed. */
	private static final AtomicInteger RECOVERIES = new AtomicInteger();

	/** Restarts that removed leftovers of stopped operations. */
	private static final AtomicInteger CLEANUPS = new AtomicInteger();

	private CrashTorture() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("work")) {
			work(Path.of(args[1]), Long.parseLong(args[2]));
			return;
		}
		if (args.length > 0 && args[0].equals("verify")) {
			System.exit(verify(Path.of(args[1])));
			return;
		}
		int kills = 100;
		long seed = System.nanoTime();
		for (String argument : args) {
			if (argument.startsWith("--kills=")) {
				kills = Integer.parseInt(argument.substring("--kills=".length()));
			}
			else if (argument.startsWith("--seed=")) {
				seed = Long.parseLong(argument.substring("--seed=".length()));
			}
			else {
				System.err.println("Usage: ... CrashTorture [--kills=100] [--seed=N]");
				System.exit(2);
			}
		}
		System.exit(torture(kills, seed));
	}

	/** The parent: kill, restart, verify, {@code kills} times. */
	private static int torture(int kills, long seed) throws Exception {
		Random random = new Random(seed);
		Path root = Files.createTempDirectory("durable-db-torture");
		System.out.println("Crash torture: " + kills + " kills, seed " + seed + ", work folder " + root);
		Map<String, Integer> killedDuring = new TreeMap<>();
		int[] totals = new int[4];
		long start = System.nanoTime();
		for (int run = 1; run <= kills; run++) {
			writeChangelog(root, 1 + run / 3);
			Process worker = start(root, "work", Long.toString(random.nextLong()));
			String lastOperation = awaitReadyThenKill(worker, 200 + random.nextInt(2300));
			killedDuring.merge(lastOperation, 1, Integer::sum);
			Process verifier = start(root, "verify");
			String verdict = lastLine(verifier);
			if (!verifier.waitFor(5, TimeUnit.MINUTES)) {
				verifier.destroyForcibly();
				throw new IllegalStateException("run " + run + ": the restart did not finish");
			}
			int[] figures = parse(verdict);
			for (int i = 0; i < totals.length; i++) {
				totals[i] += figures[i];
			}
			System.out.printf("kill %3d during %-9s %s%n", run, lastOperation, verdict);
		}
		System.out.println();
		System.out.println("kills by operation under way: " + killedDuring);
		System.out.println("restarts that recovered an interrupted restore: " + RECOVERIES.get()
				+ ", that removed leftovers: " + CLEANUPS.get());
		System.out.printf("after %d kills (%d s): tenants lost %d, locked %d, corrupt files %d, leftovers %d%n", kills,
				(System.nanoTime() - start) / 1_000_000_000, totals[0], totals[1], totals[2], totals[3]);
		return (totals[0] + totals[1] + totals[2] + totals[3] == 0) ? 0 : 1;
	}

	/** A child process: the same program, this class's {@code main}, the changelog folder on its class path. */
	private static Process start(Path root, String... args) throws IOException {
		String javaCommand = ProcessHandle.current().info().command().orElse("java");
		String classPath = System.getProperty("java.class.path");
		List<String> command = new ArrayList<>(List.of(javaCommand, "--enable-native-access=ALL-UNNAMED"));
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			command.addAll(List.of("-Dloader.main=" + CrashTorture.class.getName(),
					"-Dloader.path=" + root.resolve("changelog"), "-cp", classPath,
					"org.springframework.boot.loader.launch.PropertiesLauncher"));
		}
		else {
			command.addAll(List.of("-cp", root.resolve("changelog") + File.pathSeparator + classPath,
					CrashTorture.class.getName()));
		}
		command.add(args[0]);
		command.add(root.toString());
		for (int i = 1; i < args.length; i++) {
			command.add(args[i]);
		}
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	private static String awaitReadyThenKill(Process worker, int millisAfterReady) throws Exception {
		BufferedReader lines = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = lines.readLine()) != null && !line.equals(READY)) {
			// Startup output.
		}
		if (line == null) {
			throw new IllegalStateException("The worker stopped before it was ready (exit " + worker.waitFor() + ")");
		}
		String[] last = { "startup" };
		Thread reader = new Thread(() -> {
			try {
				String next;
				while ((next = lines.readLine()) != null) {
					if (next.startsWith("OP ")) {
						last[0] = next.substring(3);
					}
				}
			}
			catch (IOException ex) {
				// The process is gone.
			}
		});
		reader.setDaemon(true);
		reader.start();
		// The wait is the experiment, not synchronisation: the kill must land at a random
		// instant of whatever the worker is doing.
		Thread.sleep(millisAfterReady);
		worker.destroyForcibly();
		worker.waitFor();
		reader.join(5_000);
		return last[0];
	}

	private static String lastLine(Process process) throws IOException {
		String verdict = "VERIFY no answer";
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith("VERIFY ")) {
					verdict = line;
				}
				else if (line.contains("Recovered the interrupted restore")) {
					RECOVERIES.incrementAndGet();
				}
				else if (line.contains("leftover files")) {
					CLEANUPS.incrementAndGet();
				}
				else if (line.startsWith("PROBLEM ")) {
					System.out.println("  " + line);
				}
			}
		}
		return verdict;
	}

	private static int[] parse(String verdict) {
		int[] figures = { 1, 1, 1, 1 };
		String[] names = { "lost=", "locked=", "corrupt=", "leftovers=" };
		for (String part : verdict.split(" ")) {
			for (int i = 0; i < names.length; i++) {
				if (part.startsWith(names[i])) {
					figures[i] = Integer.parseInt(part.substring(names[i].length()));
				}
			}
		}
		return figures;
	}

	/** {@code changesets} changesets on top of the benchmark's own, as a deployment would add them. */
	private static void writeChangelog(Path root, int changesets) throws IOException {
		StringBuilder changelog = new StringBuilder("databaseChangeLog:\n  - include:\n      file: bench/changes-base.yaml\n");
		for (int i = 1; i <= changesets; i++) {
			changelog.append("  - changeSet:\n      id: torture-").append(i).append("\n      author: torture\n")
				.append("      changes:\n        - sql:\n            sql: CREATE TABLE torture_").append(i)
				.append(" (id INTEGER PRIMARY KEY, v TEXT)\n");
		}
		Path file = Files.createDirectories(root.resolve("changelog/torture")).resolve("changelog.yaml");
		Files.writeString(file, changelog);
	}

	private static Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("durable-db.databases.bench.changelog", "classpath:torture/changelog.yaml");
		properties.put("durable-db.action.lock-timeout", "30s");
		// The recovery's lines, which the parent counts.
		properties.put("logging.level.dev.durabledb.instance", "info");
		return properties;
	}

	/** A child: random operations until it is killed; each tenant created is journaled once acknowledged. */
	private static void work(Path root, long seed) throws Exception {
		Random random = new Random(seed);
		ConfigurableApplicationContext context = BenchmarkApp.start(root, properties());
		TenantDirectory tenants = context.getBean(TenantDirectory.class);
		BackupOperations backups = context.getBean(BackupOperations.class);
		BenchActions actions = context.getBean(BenchActions.class);
		Path journal = root.resolve("created.journal");
		System.out.println(READY);
		System.out.flush();
		List<String> existing = tenants.list();
		for (long step = 0;; step++) {
			int dice = random.nextInt(100);
			String tenant = existing.isEmpty() ? "" : existing.get(random.nextInt(existing.size()));
			try {
				if (existing.isEmpty() || dice < ((existing.size() < 24) ? 30 : 5)) {
					operation("create");
					String created = "c" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
					tenants.create(created);
					journal(journal, created);
					existing = tenants.list();
				}
				else if (dice < 30) {
					operation("backup");
					backups.backup("bench", tenant);
				}
				else if (dice < 45) {
					operation("restore");
					List<BackupManifest> list = backups.list("bench", tenant);
					if (!list.isEmpty()) {
						backups.restore("bench", tenant, list.get(random.nextInt(list.size())).id());
					}
				}
				else {
					operation("write");
					String key = "k" + step;
					Tenants.call(tenant, () -> {
						actions.insert(key, "v" + key);
						return null;
					});
				}
			}
			catch (InstanceNotFoundException | TenantAlreadyExistsException ex) {
				// Not created yet, or created already: the next step picks again.
			}
		}
	}

	private static void operation(String name) {
		System.out.println("OP " + name);
		System.out.flush();
	}

	private static void journal(Path journal, String tenant) throws IOException {
		try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND)) {
			channel.write(java.nio.ByteBuffer.wrap((tenant + "\n").getBytes(StandardCharsets.UTF_8)));
			channel.force(true);
		}
	}

	/** A child: the restart; prints one {@code VERIFY} line. */
	private static int verify(Path root) throws Exception {
		Path journal = root.resolve("created.journal");
		Set<String> created = Files.exists(journal) ? new TreeSet<>(Files.readAllLines(journal)) : Set.of();
		int lost = 0;
		int locked = 0;
		try (ConfigurableApplicationContext context = BenchmarkApp.start(root, properties())) {
			BenchActions actions = context.getBean(BenchActions.class);
			for (String tenant : created) {
				try {
					Tenants.call(tenant, () -> actions.get("probe"));
				}
				catch (InstanceNotFoundException ex) {
					lost++;
					System.out.println("PROBLEM lost " + tenant);
				}
				catch (Exception ex) {
					locked++;
					System.out.println("PROBLEM cannot open " + tenant + ": " + ex);
				}
			}
		}
		Path data = root.resolve("data/bench");
		int corrupt = 0;
		int leftovers = 0;
		if (Files.isDirectory(data)) {
			try (Stream<Path> files = Files.list(data)) {
				for (Path file : files.toList()) {
					String name = file.getFileName().toString();
					if (name.endsWith(".db") && !integrityOk(file)) {
						corrupt++;
						System.out.println("PROBLEM corrupt " + name);
					}
					if (name.startsWith(".") && name.contains(".tmp-")) {
						leftovers++;
					}
				}
			}
			for (String folder : List.of("staging", "swaps", "pre-restore")) {
				Path dir = data.resolve(".durable-db").resolve(folder);
				if (Files.isDirectory(dir)) {
					try (Stream<Path> files = Files.list(dir)) {
						long count = files.count();
						leftovers += (int) count;
						if (count > 0) {
							System.out.println("PROBLEM " + count + " files left in " + folder);
						}
					}
				}
			}
		}
		System.out.println("VERIFY lost=" + lost + " locked=" + locked + " corrupt=" + corrupt + " leftovers=" + leftovers
				+ " tenants=" + created.size());
		return 0;
	}

	private static boolean integrityOk(Path file) {
		SQLiteConfig config = new SQLiteConfig();
		config.setReadOnly(true);
		try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
				ResultSet result = connection.createStatement().executeQuery("PRAGMA integrity_check")) {
			return result.next() && "ok".equals(result.getString(1));
		}
		catch (Exception ex) {
			return false;
		}
	}

}
