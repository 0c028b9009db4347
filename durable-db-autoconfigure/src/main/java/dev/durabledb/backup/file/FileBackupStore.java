package dev.durabledb.backup.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.durabledb.backup.BackupManifest;
import dev.durabledb.backup.BackupPaths;
import dev.durabledb.backup.BackupStore;
import dev.durabledb.backup.ManifestCodec;
import dev.durabledb.snapshot.AtomicFiles;

/**
 * Backups in a folder: {@code <dir>/<database>/<instance>/<id>.db.gz} and
 * {@code <id>.json}. Both are written under a temporary name, synced and renamed into
 * place, the manifest last.
 */
public final class FileBackupStore implements BackupStore {

	private final Path root;

	public FileBackupStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	@Override
	public void put(BackupManifest manifest, Path data) throws IOException {
		Path dataFile = resolve(BackupPaths.data(manifest));
		Files.createDirectories(dataFile.getParent());
		Path temporary = AtomicFiles.temporarySibling(dataFile);
		try {
			// The data file is ours to take: a rename when it is on the same file system.
			Files.move(data, temporary, StandardCopyOption.REPLACE_EXISTING);
			AtomicFiles.publish(temporary, dataFile);
			Path manifestFile = resolve(BackupPaths.manifest(manifest));
			Path temporaryManifest = AtomicFiles.temporarySibling(manifestFile);
			try {
				Files.write(temporaryManifest, ManifestCodec.write(manifest));
				AtomicFiles.publish(temporaryManifest, manifestFile);
			}
			finally {
				Files.deleteIfExists(temporaryManifest);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	@Override
	public List<BackupManifest> list(String database, String instance) throws IOException {
		Path dir = resolve(BackupPaths.instancePrefix(database, instance));
		List<BackupManifest> manifests = new ArrayList<>();
		if (!Files.isDirectory(dir)) {
			return manifests;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
			for (Path file : files) {
				if (file.getFileName().toString().startsWith(".")) {
					continue;
				}
				try (InputStream json = Files.newInputStream(file)) {
					manifests.add(ManifestCodec.read(json));
				}
			}
		}
		manifests.sort(Comparator.comparing(BackupManifest::id).reversed());
		return manifests;
	}

	@Override
	public void download(BackupManifest manifest, Path target) throws IOException {
		Files.copy(resolve(BackupPaths.data(manifest)), target, StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void delete(BackupManifest manifest) throws IOException {
		Files.deleteIfExists(resolve(BackupPaths.manifest(manifest)));
		Files.deleteIfExists(resolve(BackupPaths.data(manifest)));
	}

	@Override
	public String describe() {
		return "file:" + this.root;
	}

	private Path resolve(String relative) {
		Path path = this.root.resolve(relative).normalize();
		if (!path.startsWith(this.root)) {
			throw new IllegalArgumentException("Backup path outside the backup folder");
		}
		return path;
	}

}
