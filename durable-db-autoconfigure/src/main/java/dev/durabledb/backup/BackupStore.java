package dev.durabledb.backup;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.durabledb.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups as objects of an {@link ObjectStore}: per backup its compressed data
 * ({@link BackupPaths#data}) and its manifest ({@link BackupPaths#manifest}). The data is
 * stored first and the manifest last, and only manifests are listed, so a listed backup
 * is always complete; deleting removes the manifest first, so a backup stops being listed
 * before its data goes.
 */
final class BackupStore {

	private static final Logger logger = LoggerFactory.getLogger(BackupStore.class);

	private final ObjectStore objects;

	/** Unreadable manifests already logged, so that each is logged once. */
	private final Set<String> reported = ConcurrentHashMap.newKeySet();

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
		return listing(database, instance).backups();
	}

	/**
	 * The backups of one instance, newest first, and the manifests in its folder that are
	 * not backups of it: unreadable, or naming another instance or id. Those are skipped,
	 * never trusted, and logged once each.
	 */
	BackupListing listing(String database, String instance) throws IOException {
		List<BackupManifest> manifests = new ArrayList<>();
		List<String> unreadable = new ArrayList<>();
		for (String key : this.objects.list(BackupPaths.instancePrefix(database, instance))) {
			if (!key.endsWith(BackupPaths.MANIFEST_SUFFIX)) {
				continue;
			}
			try {
				BackupManifest manifest = ManifestCodec.read(this.objects.read(key));
				if (!key.equals(BackupPaths.manifest(manifest)) || !manifest.database().equals(database)
						|| !manifest.instance().equals(instance) || !BackupId.isValid(manifest.id())) {
					throw new IOException("it describes backup " + manifest.id() + " of '" + manifest.database() + "/"
							+ manifest.instance() + "'");
				}
				manifests.add(manifest);
			}
			catch (NoSuchFileException ex) {
				// Deleted between the listing and the read: no longer a backup.
			}
			catch (IOException ex) {
				unreadable.add(key);
				if (this.reported.add(key)) {
					logger.warn("Skipped {} in {}: not a readable manifest of a backup of '{}/{}' ({})", key,
							this.objects.describe(), database, instance, ex.getMessage());
				}
			}
		}
		manifests.sort(Comparator.comparing(BackupManifest::id).reversed());
		return new BackupListing(manifests, unreadable);
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
