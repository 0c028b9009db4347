package dev.durabledb.store.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.durabledb.fixtures.Concurrently;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.ObjectStoreContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
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
	void aPutIfAbsentCanNeverReachOutsideTheFolder() throws IOException {
		ObjectStore store = store();
		Path upload = Files.write(this.work.resolve("upload"), new byte[] { 1 });
		assertThatIllegalArgumentException().isThrownBy(() -> store.putIfAbsent("../outside.json", new byte[] { 1 }));
		assertThatIllegalArgumentException().isThrownBy(() -> store.putIfAbsent("main/../../outside.json", upload));
		assertThat(this.work.resolve("outside.json")).doesNotExist();
		assertThat(upload).exists();
	}

	@Test
	void halfWrittenTemporariesAreNotListed() throws IOException {
		ObjectStore store = store();
		store.put("main/acme/1.json", new byte[] { 1 });
		// As if a put died after writing its temporary and before renaming it.
		Files.writeString(this.work.resolve("store/main/acme/.2.json.tmp-1"), "{");
		assertThat(store.list("main/acme/")).containsExactly("main/acme/1.json");
	}

	@Test
	void aTemporaryLeftByACrashedPutIfAbsentNeitherShowsNorTakesTheKey() throws IOException {
		ObjectStore store = store();
		// As if a put-if-absent died after writing its temporary, before linking it.
		Path folder = Files.createDirectories(this.work.resolve("store/main/acme"));
		Files.writeString(folder.resolve(".1.claim.tmp-0190a1b2-0000-7000-8000-000000000000"), "node-a, half");

		assertThat(store.list("main/acme/")).isEmpty();
		assertThat(store.putIfAbsent("main/acme/1.claim", "node-b".getBytes())).isTrue();
		assertThat(store.read("main/acme/1.claim")).isEqualTo("node-b".getBytes());
		assertThat(store.list("main/acme/")).containsExactly("main/acme/1.claim");
	}

	@Test
	void aTemporaryLeftByAPutIfAbsentThatDiedAfterLinkingIsHiddenAndItsObjectStays() throws IOException {
		ObjectStore store = store();
		Path folder = Files.createDirectories(this.work.resolve("store/main/acme"));
		Path temporary = Files.writeString(folder.resolve(".1.claim.tmp-0190a1b2-0000-7000-8000-000000000000"), "node-a");
		Files.createLink(folder.resolve("1.claim"), temporary);

		assertThat(store.list("main/acme/")).containsExactly("main/acme/1.claim");
		assertThat(store.putIfAbsent("main/acme/1.claim", "node-b".getBytes())).isFalse();
		assertThat(store.read("main/acme/1.claim")).isEqualTo("node-a".getBytes());
	}

	@Test
	void aPutIfAbsentLeavesNoTemporaryWhetherItWinsOrLoses() throws IOException {
		ObjectStore store = store();
		store.putIfAbsent("main/acme/1.claim", "node-a".getBytes());
		store.putIfAbsent("main/acme/1.claim", "node-b".getBytes());
		store.putIfAbsent("main/acme/1.claim", Files.write(this.work.resolve("upload"), "node-c".getBytes()));

		try (Stream<Path> files = Files.list(this.work.resolve("store/main/acme"))) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactly("1.claim");
		}
		assertThat(store.read("main/acme/1.claim")).isEqualTo("node-a".getBytes());
	}

	@Test
	void aPutIfAbsentOntoAFolderFailsAndLeavesTheFolderAsItWas() throws IOException {
		ObjectStore store = store();
		store.put("main/acme/1.json", new byte[] { 1 });

		assertThatIOException().isThrownBy(() -> store.putIfAbsent("main/acme", new byte[] { 2 }))
			.withMessageContaining("a folder has its name");

		try (Stream<Path> files = Files.list(this.work.resolve("store/main"))) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactly("acme");
		}
		assertThat(store.list("main/")).containsExactly("main/acme/1.json");
	}

	@Test
	void storesOfSeveralProcessesSharingTheFolderHaveOneWinnerPerKey() throws Exception {
		// One store per writer, as each process of a cluster has its own: nothing in this
		// JVM orders them, only the file system.
		Path folder = this.work.resolve("store");
		for (int round = 0; round < 10; round++) {
			String key = "replication/main/acme/" + round + ".claim";
			List<Integer> winners = new CopyOnWriteArrayList<>();
			Concurrently.run(8, (writer) -> () -> {
				if (new FileObjectStore(folder).putIfAbsent(key, ("node-" + writer).getBytes())) {
					winners.add(writer);
				}
				return null;
			});

			assertThat(winners).as("winners of round %d", round).hasSize(1);
			assertThat(store().read(key)).isEqualTo(("node-" + winners.get(0)).getBytes());
		}
	}

}
