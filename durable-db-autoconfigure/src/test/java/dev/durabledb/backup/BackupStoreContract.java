package dev.durabledb.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.durabledb.store.ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What backups must do over every {@link ObjectStore}; each store's test class runs these
 * against a real store.
 */
public abstract class BackupStoreContract {

	@TempDir
	protected Path work;

	/** The object store under test, empty. */
	protected abstract ObjectStore objects();

	/** Backups over the store under test. */
	BackupStore store() {
		return new BackupStore(objects());
	}

	@Test
	void aStoredBackupIsListedAndDownloadsByteForByte() throws IOException {
		BackupStore store = store();
		Path data = data("first backup");
		byte[] content = Files.readAllBytes(data);
		BackupManifest manifest = manifest("notes", "acme", Instant.parse("2026-01-01T00:00:00Z"));

		store.put(manifest, data);

		assertThat(store.list("notes", "acme")).containsExactly(manifest);
		assertThat(store.find("notes", "acme", manifest.id())).contains(manifest);
		Path downloaded = this.work.resolve("downloaded");
		store.download(manifest, downloaded);
		assertThat(downloaded).hasBinaryContent(content);
	}

	@Test
	void backupsAreListedNewestFirstAndPerInstance() throws IOException {
		BackupStore store = store();
		BackupManifest older = manifest("notes", "acme", Instant.parse("2026-01-01T00:00:00Z"));
		BackupManifest newer = manifest("notes", "acme", Instant.parse("2026-01-02T00:00:00Z"));
		BackupManifest otherTenant = manifest("notes", "ACME", Instant.parse("2026-01-03T00:00:00Z"));
		BackupManifest otherDatabase = manifest("counters", "acme", Instant.parse("2026-01-04T00:00:00Z"));
		store.put(older, data("1"));
		store.put(newer, data("2"));
		store.put(otherTenant, data("3"));
		store.put(otherDatabase, data("4"));

		assertThat(store.list("notes", "acme")).containsExactly(newer, older);
		assertThat(store.list("notes", "ACME")).containsExactly(otherTenant);
		assertThat(store.list("counters", "acme")).containsExactly(otherDatabase);
		assertThat(store.list("notes", "nobody")).isEmpty();
	}

	@Test
	void deletingIsIdempotentAndStopsTheListing() throws IOException {
		BackupStore store = store();
		BackupManifest manifest = manifest("notes", "acme", Instant.parse("2026-01-01T00:00:00Z"));
		store.put(manifest, data("x"));

		store.delete(manifest);
		store.delete(manifest);

		assertThat(store.list("notes", "acme")).isEmpty();
		assertThat(store.find("notes", "acme", manifest.id())).isEmpty();
	}

	@Test
	void downloadingABackupWhoseDataIsGoneFails() throws IOException {
		BackupStore store = store();
		BackupManifest manifest = manifest("notes", "acme", Instant.parse("2026-01-01T00:00:00Z"));
		store.put(manifest, data("x"));
		store.delete(manifest);
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> store.download(manifest, this.work.resolve("gone")));
	}

	protected Path data(String content) throws IOException {
		Path file = Files.createTempFile(this.work, "data", ".gz");
		Files.writeString(file, content);
		return file;
	}

	protected static BackupManifest manifest(String database, String instance, Instant createdAt) {
		return new BackupManifest(new BackupId().next(createdAt), database, instance, createdAt, 1024, 10,
				"0".repeat(64), "f".repeat(64), "manual", "epoch:1");
	}

	protected static List<String> ids(List<BackupManifest> manifests) {
		return manifests.stream().map(BackupManifest::id).toList();
	}

}
