package dev.durabledb.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.durabledb.instance.DataDirLock;
import dev.durabledb.io.AtomicFiles;
import dev.durabledb.io.BoundedOutput;

/**
 * Loads an archive written by {@link ArchiveWriter} into a local data dir (the
 * {@code restore-db} idea), for a developer who pulls production data:
 *
 * <pre>
 * java -jar durable-db-autoconfigure-&lt;version&gt;.jar archive.zip ./data [--replace]
 * </pre>
 *
 * It refuses to overwrite a database folder that already holds instances unless told
 * {@code --replace}, and then keeps what it replaces in
 * {@code <data-dir>/.durable-db-replaced/<time>/}. It refuses a data dir an application
 * is using. Nothing in the archive is trusted, and nothing is loaded unless every entry
 * passes: only {@code <database>/<instance-file>.db} names are accepted (an archive cannot
 * write outside the data dir); each entry is decompressed to a staging folder no further
 * than the size it declares; each must be a SQLite file that passes
 * {@code PRAGMA integrity_check}, is a durable-db instance, and does not say it is another
 * instance than its name. Needs sqlite-jdbc on the class path (the jar's manifest names
 * {@code lib/sqlite-jdbc-*.jar}, which the build copies next to it).
 */
public final class ArchiveLoader {

	private static final Pattern ENTRY = Pattern.compile("([a-z0-9][a-z0-9_-]{0,62})/([a-z0-9_-]{1,250})\\.db");

	private final PrintStream out;

	public ArchiveLoader(PrintStream out) {
		this.out = out;
	}

	public static void main(String[] args) {
		List<String> arguments = new ArrayList<>(List.of(args));
		boolean replace = arguments.remove("--replace");
		if (arguments.size() != 2) {
			System.err.println("Usage: java -jar durable-db-autoconfigure.jar <archive.zip> <data-dir> [--replace]");
			System.exit(2);
		}
		try {
			new ArchiveLoader(System.out).load(Path.of(arguments.get(0)), Path.of(arguments.get(1)), replace);
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("Not loaded: " + ex.getMessage());
			System.exit(1);
		}
	}

	/**
	 * Loads {@code archive} into {@code dataDir}.
	 * @return how many instance files were written
	 * @throws IllegalStateException if a database folder already holds instances and
	 * {@code replace} is false; nothing is written then
	 */
	public int load(Path archive, Path dataDir, boolean replace) throws IOException {
		try (ZipFile zip = new ZipFile(archive.toFile())) {
			List<ZipEntry> instances = new ArrayList<>();
			Set<String> databases = new TreeSet<>();
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				if (entry.isDirectory() || entry.getName().equals(ArchiveWriter.MANIFEST)) {
					continue;
				}
				var matcher = ENTRY.matcher(entry.getName());
				if (!matcher.matches()) {
					throw new IllegalArgumentException("The archive has an unexpected entry '" + entry.getName()
							+ "'; it was not written by durable-db");
				}
				databases.add(matcher.group(1));
				instances.add(entry);
			}
			Files.createDirectories(dataDir);
			try (DataDirLock owner = DataDirLock.acquire(dataDir)) {
				for (String database : databases) {
					if (holdsInstances(dataDir.resolve(database)) && !replace) {
						throw new IllegalStateException("The data dir already holds instances of database '" + database
								+ "'; add --replace to replace them (they are kept under .durable-db-replaced)");
					}
				}
				long declared = 0;
				for (ZipEntry entry : instances) {
					if (entry.getSize() < 0) {
						throw new IllegalArgumentException(
								"The archive entry '" + entry.getName() + "' does not declare its size");
					}
					declared += entry.getSize();
				}
				long free = Files.getFileStore(dataDir).getUsableSpace();
				if (declared > free) {
					throw new IllegalArgumentException(
							"The archive declares " + declared + " bytes; the data dir has " + free + " bytes free");
				}
				Path staging = Files.createDirectory(dataDir.resolve(".durable-db-loading-" + System.nanoTime()));
				try {
					for (ZipEntry entry : instances) {
						Path target = staging.resolve(entry.getName());
						Files.createDirectories(target.getParent());
						unpack(zip, entry, target);
						ArchiveEntryCheck.verify(entry.getName(), target);
					}
					// Every entry passed: from here the load completes, even across a crash (a
					// start moves in what this did not; see StartupRecovery).
					Files.writeString(staging.resolve("ready"), "checked\n");
					AtomicFiles.fsync(staging.resolve("ready"));
					Path replaced = dataDir.resolve(".durable-db-replaced")
						.resolve(Instant.now().toString().replace(':', '-'));
					for (String database : databases) {
						Path folder = dataDir.resolve(database);
						if (Files.exists(folder)) {
							Files.createDirectories(replaced);
							Files.move(folder, replaced.resolve(database));
							this.out.println("Kept the previous '" + database + "' in " + replaced.resolve(database));
						}
						Files.move(staging.resolve(database), folder, StandardCopyOption.ATOMIC_MOVE);
					}
				}
				finally {
					deleteTree(staging);
				}
			}
			this.out.println("Loaded " + instances.size() + " instance(s) of " + databases + " into " + dataDir);
			return instances.size();
		}
	}

	/** Decompresses an entry, never further than the size it declares. */
	private static void unpack(ZipFile zip, ZipEntry entry, Path target) throws IOException {
		try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
			long written = in.transferTo(new BoundedOutput(out, entry.getSize()));
			if (written != entry.getSize()) {
				throw new IllegalArgumentException("The archive entry '" + entry.getName() + "' holds " + written
						+ " bytes, not the " + entry.getSize() + " it declares");
			}
		}
		catch (BoundedOutput.LimitExceededException ex) {
			throw new IllegalArgumentException("The archive entry '" + entry.getName()
					+ "' decompresses to more than the " + entry.getSize() + " bytes it declares");
		}
	}

	private static boolean holdsInstances(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return false;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.db")) {
			return files.iterator().hasNext();
		}
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (var paths = Files.walk(root)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
