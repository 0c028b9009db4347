package dev.durabledb.store.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.ObjectStoreContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FileObjectStoreTests extends ObjectStoreContract {

	@Override
	protected ObjectStore store() {
		return new FileObjectStore(this.work.resolve("store"));
	}

	@Test
	void aKeyCanNeverReachOutsideTheFolder() throws IOException {
		ObjectStore store = store();
		Path outside = this.work.resolve("outside.json");
		assertThatIllegalArgumentException().isThrownBy(() -> store.put("../outside.json", new byte[] { 1 }));
		assertThatIllegalArgumentException().isThrownBy(() -> store.delete("main/../../outside.json"));
		assertThat(outside).doesNotExist();
	}

	@Test
	void halfWrittenTemporariesAreNotListed() throws IOException {
		ObjectStore store = store();
		store.put("main/acme/1.json", new byte[] { 1 });
		// As if a put died after writing its temporary and before renaming it.
		Files.writeString(this.work.resolve("store/main/acme/.2.json.tmp-1"), "{");
		assertThat(store.list("main/acme/")).containsExactly("main/acme/1.json");
	}

}
