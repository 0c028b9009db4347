package dev.durabledb.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where backups are kept: a folder, an S3-compatible bucket. Implementations only move
 * bytes; snapshots, compression, checksums and retention are done once, by
 * {@link Backups}, for every store.
 */
public interface BackupStore {

	/**
	 * Stores a backup: its compressed data from {@code data} (which the store may move
	 * away or leave; the caller deletes it if it is still there), then its manifest. Until the
	 * manifest is stored the backup is not listed, so a listed backup is always complete.
	 * A failure may leave unlisted data behind, never a listed partial backup.
	 */
	void put(BackupManifest manifest, Path data) throws IOException;

	/** The backups of one instance, newest first; empty when it has none. */
	List<BackupManifest> list(String database, String instance) throws IOException;

	/**
	 * Copies the compressed data of a listed backup to {@code target}.
	 * @throws java.nio.file.NoSuchFileException if the data is gone
	 */
	void download(BackupManifest manifest, Path target) throws IOException;

	/** Deletes a backup, manifest first so that it stops being listed; idempotent. */
	void delete(BackupManifest manifest) throws IOException;

	/** A short description for logs and health: {@code file:/var/backups}, {@code s3://bucket/prefix}. */
	String describe();

	/** The backup of an instance with the given id, if it is listed. */
	default Optional<BackupManifest> find(String database, String instance, String id) throws IOException {
		return list(database, instance).stream().filter((manifest) -> manifest.id().equals(id)).findFirst();
	}

}
