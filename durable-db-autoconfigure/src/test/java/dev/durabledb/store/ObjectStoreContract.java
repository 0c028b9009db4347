package dev.durabledb.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every {@link ObjectStore} must do, as its Javadoc says; each store's test class
 * runs these against a real store.
 */
public abstract class ObjectStoreContract {

	@TempDir
	protected Path work;

	/** The store under test, empty. */
	protected abstract ObjectStore store();

	@Test
	void anObjectPutFromAFileReadsBackByteForByte() throws IOException {
		ObjectStore store = store();
		byte[] content = "a file's content\n\u0000binary too".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		Path file = Files.write(this.work.resolve("upload"), content);

		store.put("main/acme/1.db.gz", file);

		Path target = this.work.resolve("download");
		store.get("main/acme/1.db.gz", target);
		assertThat(target).hasBinaryContent(content);
		assertThat(store.read("main/acme/1.db.gz")).isEqualTo(content);
	}

	@Test
	void aPutReplacesWhatWasThere() throws IOException {
		ObjectStore store = store();
		store.put("main/acme/1.json", "old".getBytes());
		store.put("main/acme/1.json", "new".getBytes());
		assertThat(store.read("main/acme/1.json")).isEqualTo("new".getBytes());
	}

	@Test
	void listingGivesTheKeysUnderAPrefixSorted() throws IOException {
		ObjectStore store = store();
		store.put("main/acme/2.json", new byte[] { 2 });
		store.put("main/acme/1.json", new byte[] { 1 });
		store.put("main/acme-corp/1.json", new byte[] { 3 });
		store.put("other/acme/1.json", new byte[] { 4 });

		assertThat(store.list("main/acme/")).containsExactly("main/acme/1.json", "main/acme/2.json");
		assertThat(store.list("main/acme")).containsExactly("main/acme-corp/1.json", "main/acme/1.json",
				"main/acme/2.json");
		assertThat(store.list("main/nobody/")).isEmpty();
	}

	@Test
	void deletingIsIdempotent() throws IOException {
		ObjectStore store = store();
		store.put("main/acme/1.json", new byte[] { 1 });

		store.delete("main/acme/1.json");
		store.delete("main/acme/1.json");

		assertThat(store.list("main/acme/")).isEmpty();
	}

	@Test
	void aMissingObjectIsNoSuchFile() {
		ObjectStore store = store();
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> store.read("main/acme/none.json"));
		assertThatExceptionOfType(NoSuchFileException.class)
			.isThrownBy(() -> store.get("main/acme/none.json", this.work.resolve("none")));
	}

}
