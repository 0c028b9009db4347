package dev.durabledb.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.file.FileObjectStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileBackupStoreTests extends BackupStoreContract {

	@Override
	protected ObjectStore objects() {
		return new FileObjectStore(this.work.resolve("backups"));
	}

	@Test
	void dataWithoutItsManifestIsNotListed() throws IOException {
		BackupStore store = store();
		BackupManifest manifest = manifest("notes", "acme", Instant.parse("2026-01-01T00:00:00Z"));
		store.put(manifest, data("complete"));
		// As if a second put died after its data and before its manifest.
		Path folder = this.work.resolve("backups").resolve(BackupPaths.instancePrefix("notes", "acme"));
		Files.writeString(folder.resolve("20260102T000000000Z-00000000.db.gz"), "half");
		Files.writeString(folder.resolve(".20260102T000000000Z-00000000.json.tmp-1"), "{");

		assertThat(store.list("notes", "acme")).containsExactly(manifest);
	}

}
