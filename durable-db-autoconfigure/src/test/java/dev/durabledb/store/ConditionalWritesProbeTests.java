package dev.durabledb.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.fixtures.ForwardingObjectStore;
import dev.durabledb.store.file.FileObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The probe believes what a store does, not what it claims: each store here is a real
 * folder store with one fault, as some S3-compatible servers have it.
 */
class ConditionalWritesProbeTests {

	@TempDir
	Path work;

	@Test
	void aStoreWrittenBeforeConditionalWritesIsFoundUnsupported() throws IOException {
		ObjectStore store = new SevenMethodStore(folder());

		ConditionalWrites found = store.probeConditionalWrites();

		assertThat(found.supported()).isFalse();
		assertThat(found.detail()).isEqualTo(store.describe() + " cannot write conditionally: put-if-absent is not implemented by "
				+ SevenMethodStore.class.getName());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> store.putIfAbsent("main/acme/1.claim", new byte[] { 1 }));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> store.putIfAbsent("main/acme/1.claim", this.work.resolve("none")));
		assertThat(store.list("")).isEmpty();
	}

	@Test
	void aStoreThatIgnoresTheConditionAndOverwritesIsFoundUnsupported() throws IOException {
		ObjectStore store = new ForwardingObjectStore(folder()) {

			@Override
			public boolean putIfAbsent(String key, byte[] content) throws IOException {
				put(key, content);
				return true;
			}

		};

		ConditionalWrites found = store.probeConditionalWrites();

		assertThat(found.supported()).isFalse();
		assertThat(found.detail()).contains("accepted a second put-if-absent on one key")
			.contains("ignores the condition");
		assertThat(store.list("")).isEmpty();
	}

	@Test
	void aStoreThatRefusesButOverwritesAnywayIsFoundUnsupported() throws IOException {
		ObjectStore store = new ForwardingObjectStore(folder()) {

			@Override
			public boolean putIfAbsent(String key, byte[] content) throws IOException {
				boolean absent = !list(key).contains(key);
				put(key, content);
				return absent;
			}

		};

		ConditionalWrites found = store.probeConditionalWrites();

		assertThat(found.supported()).isFalse();
		assertThat(found.detail()).contains("replaced the object anyway");
		assertThat(store.list("")).isEmpty();
	}

	@Test
	void aStoreThatRefusesEveryPutIfAbsentIsFoundUnsupported() throws IOException {
		ObjectStore store = new ForwardingObjectStore(folder()) {

			@Override
			public boolean putIfAbsent(String key, byte[] content) {
				return false;
			}

		};

		ConditionalWrites found = store.probeConditionalWrites();

		assertThat(found.supported()).isFalse();
		assertThat(found.detail()).contains("refused a put-if-absent on a fresh key");
	}

	@Test
	void aStoreThatCannotBeReachedFailsTheProbeInsteadOfAnsweringIt() throws IOException {
		FileObjectStore folder = folder();
		ObjectStore store = new ForwardingObjectStore(folder) {

			private int puts;

			@Override
			public boolean putIfAbsent(String key, byte[] content) throws IOException {
				if (++this.puts == 2) {
					throw new IOException("Connection refused");
				}
				return super.putIfAbsent(key, content);
			}

		};

		assertThatIOException().isThrownBy(store::probeConditionalWrites).withMessage("Connection refused");
		assertThat(folder.list("")).as("the first probe object is deleted all the same").isEmpty();
	}

	@Test
	void probesWriteUnderTheStartersOwnPrefixOnly() throws IOException {
		FileObjectStore folder = folder();
		List<String> keys = new ArrayList<>();
		ObjectStore store = new ForwardingObjectStore(folder) {

			@Override
			public boolean putIfAbsent(String key, byte[] content) throws IOException {
				keys.add(key);
				return super.putIfAbsent(key, content);
			}

		};

		assertThat(store.probeConditionalWrites().supported()).isTrue();
		assertThat(store.probeConditionalWrites().supported()).isTrue();

		assertThat(keys).hasSize(4).allSatisfy((key) -> assertThat(key).startsWith("_durable-db/probes/"));
		assertThat(keys.get(1)).isEqualTo(keys.get(0));
		assertThat(keys.get(2)).as("each probe takes a fresh key").isNotEqualTo(keys.get(0));
		assertThat(folder.list("")).isEmpty();
	}

	private FileObjectStore folder() {
		return new FileObjectStore(this.work.resolve("store"));
	}

	/** A third-party store from before conditional writes: it implements only the seven methods it had to. */
	static final class SevenMethodStore implements ObjectStore {

		private final ObjectStore store;

		SevenMethodStore(ObjectStore store) {
			this.store = store;
		}

		@Override
		public void put(String key, Path file) throws IOException {
			this.store.put(key, file);
		}

		@Override
		public void put(String key, byte[] content) throws IOException {
			this.store.put(key, content);
		}

		@Override
		public void get(String key, Path target) throws IOException {
			this.store.get(key, target);
		}

		@Override
		public byte[] read(String key) throws IOException {
			return this.store.read(key);
		}

		@Override
		public List<String> list(String prefix) throws IOException {
			return this.store.list(prefix);
		}

		@Override
		public void delete(String key) throws IOException {
			this.store.delete(key);
		}

		@Override
		public String describe() {
			return this.store.describe();
		}

	}

}
