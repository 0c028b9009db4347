package dev.durabledb.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.durabledb.fixtures.Concurrently;
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

	@Test
	void aPutIfAbsentStoresWhereNoObjectIs() throws IOException {
		ObjectStore store = store();

		assertThat(store.putIfAbsent("replication/main/acme/0001.claim", "node-a".getBytes())).isTrue();

		assertThat(store.read("replication/main/acme/0001.claim")).isEqualTo("node-a".getBytes());
		assertThat(store.list("replication/main/acme/")).containsExactly("replication/main/acme/0001.claim");
	}

	@Test
	void aPutIfAbsentNeverReplacesAnObject() throws IOException {
		ObjectStore store = store();
		store.put("main/acme/1.json", "put".getBytes());
		assertThat(store.putIfAbsent("main/acme/2.json", "first".getBytes())).isTrue();

		assertThat(store.putIfAbsent("main/acme/1.json", "second".getBytes())).isFalse();
		assertThat(store.putIfAbsent("main/acme/2.json", "second".getBytes())).isFalse();

		assertThat(store.read("main/acme/1.json")).isEqualTo("put".getBytes());
		assertThat(store.read("main/acme/2.json")).isEqualTo("first".getBytes());
		assertThat(store.list("main/acme/")).containsExactly("main/acme/1.json", "main/acme/2.json");
	}

	@Test
	void aPutIfAbsentFromAFileStoresItOnlyWhereNoObjectIs() throws IOException {
		ObjectStore store = store();
		byte[] content = "a segment\n\u0000binary too".getBytes(java.nio.charset.StandardCharsets.UTF_8);

		assertThat(store.putIfAbsent("main/acme/1.segment", Files.write(this.work.resolve("first"), content)))
			.isTrue();
		assertThat(store.putIfAbsent("main/acme/1.segment", Files.write(this.work.resolve("second"), new byte[] { 2 })))
			.isFalse();

		Path target = this.work.resolve("download");
		store.get("main/acme/1.segment", target);
		assertThat(target).hasBinaryContent(content);
	}

	@Test
	void aDeletedObjectsKeyCanBeTakenAgain() throws IOException {
		ObjectStore store = store();
		store.putIfAbsent("main/acme/1.claim", "first".getBytes());
		store.delete("main/acme/1.claim");

		assertThat(store.putIfAbsent("main/acme/1.claim", "second".getBytes())).isTrue();
		assertThat(store.read("main/acme/1.claim")).isEqualTo("second".getBytes());
	}

	@Test
	void ofWritersRacingForAKeyExactlyOneWinsAndItsContentIsStoredWhole() throws Exception {
		ObjectStore store = store();
		int writers = 8;
		for (int round = 0; round < 10; round++) {
			String key = "replication/main/acme/" + round + ".claim";
			List<Integer> winners = new CopyOnWriteArrayList<>();
			// Half the writers put bytes, half put files: both roads lead to one winner.
			Concurrently.run(writers, (writer) -> () -> {
				byte[] content = contentOf(writer);
				boolean stored = (writer % 2 == 0) ? store.putIfAbsent(key, content)
						: store.putIfAbsent(key, Files.write(this.work.resolve(key.replace('/', '_') + writer), content));
				if (stored) {
					winners.add(writer);
				}
				return null;
			});
			assertThat(winners).as("winners of round %d", round).hasSize(1);
			assertThat(store.read(key)).isEqualTo(contentOf(winners.get(0)));
		}
		assertThat(store.list("replication/main/acme/")).hasSize(10);
	}

	@Test
	void theProbeFindsConditionalWritesKeptAndLeavesNothingBehind() throws IOException {
		ObjectStore store = store();

		ConditionalWrites found = store.probeConditionalWrites();

		assertThat(found.supported()).as(found.detail()).isTrue();
		assertThat(found.detail()).startsWith(store.describe());
		assertThat(store.list("")).isEmpty();
	}

	/** 64 KiB of one writer's number: a torn or mixed object cannot pass for anyone's. */
	private static byte[] contentOf(int writer) {
		byte[] content = new byte[64 * 1024];
		Arrays.fill(content, (byte) writer);
		return content;
	}

}
