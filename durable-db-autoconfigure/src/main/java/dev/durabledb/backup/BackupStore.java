package dev.durabledb.backup;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.durabledb.store.ObjectStore;

/**
 * Backups as objects of an {@link ObjectStore}: per backup its compressed data
 * ({@link BackupPaths#data}) and its manifest ({@link BackupPaths#manifest}). The data is
 * stored first and the manifest last, and only manifests are listed, so a listed backup
 * is always complete; deleting removes the manifest first, so a backup stops being listed
 * before its data goes.
 */
final class BackupStore {

	private final ObjectStore objects;

	BackupStore(ObjectStore objects) {
		this.objects = objects;
	}

	/**
	 * Stores a backup: its compressed data from {@code data} (which the store may move
	 * away; the caller deletes it if it is still there), then its manifest. A failure may
	 * leave unlisted data behind, never a listed partial backup.
	 */
	void put(BackupManifest manifest, Path data) throws IOException {
		this.objects.put(BackupPaths.data(manifest), data);
		this.objects.put(BackupPaths.manifest(manifest), ManifestCodec.write(manifest));
	}

	/** The backups of one instance, newest first; empty when it has none. */
	List<BackupManifest> list(String database, String instance) throws IOException {
		List<BackupManifest> manifests = new ArrayList<>();
		for (String key : this.objects.list(BackupPaths.instancePrefix(database, instance))) {
			if (!key.endsWith(BackupPaths.MANIFEST_SUFFIX)) {
				continue;
			}
			try {
				manifests.add(ManifestCodec.read(this.objects.read(key)));
			}
			catch (NoSuchFileException ex) {
				// Deleted between the listing and the read: no longer a backup.
			}
		}
		manifests.sort(Comparator.comparing(BackupManifest::id).reversed());
		return manifests;
	}

	/** The backup of an instance with the given id, if it is listed. */
	Optional<BackupManifest> find(String database, String instance, String id) throws IOException {
		return list(database, instance).stream().filter((manifest) -> manifest.id().equals(id)).findFirst();
	}

	/**
	 * Copies the compressed data of a listed backup to {@code target}.
	 * @throws NoSuchFileException if the data is gone
	 */
	void download(BackupManifest manifest, Path target) throws IOException {
		this.objects.get(BackupPaths.data(manifest), target);
	}

	/** Deletes a backup, manifest first so that it stops being listed; idempotent. */
	void delete(BackupManifest manifest) throws IOException {
		this.objects.delete(BackupPaths.manifest(manifest));
		this.objects.delete(BackupPaths.data(manifest));
	}

	/** The store, for logs and health. */
	String describe() {
		return this.objects.describe();
	}

}
