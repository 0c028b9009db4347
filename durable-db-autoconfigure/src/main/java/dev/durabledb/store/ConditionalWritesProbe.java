package dev.durabledb.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Tries conditional writes on a store instead of trusting it: written once, above the
 * {@link ObjectStore} interface, for every store.
 */
final class ConditionalWritesProbe {

	/** Where probes write: no database's objects are there (a database name never starts with {@code _}). */
	static final String PREFIX = "_durable-db/probes/";

	private ConditionalWritesProbe() {
	}

	static ConditionalWrites probe(ObjectStore store) throws IOException {
		String key = PREFIX + "conditional-writes-" + UUID.randomUUID();
		byte[] first = ("first put-if-absent of " + key).getBytes(StandardCharsets.UTF_8);
		byte[] second = ("second put-if-absent of " + key).getBytes(StandardCharsets.UTF_8);
		IOException failure = null;
		try {
			if (!store.putIfAbsent(key, first)) {
				return ConditionalWrites.unsupported(store,
						"refused a put-if-absent on a fresh key, as if an object were there");
			}
			if (store.putIfAbsent(key, second)) {
				return ConditionalWrites.unsupported(store,
						"accepted a second put-if-absent on one key: it ignores the condition (If-None-Match) and overwrites");
			}
			if (!Arrays.equals(store.read(key), first)) {
				return ConditionalWrites.unsupported(store,
						"refused a second put-if-absent on one key but replaced the object anyway");
			}
			return ConditionalWrites.supported(store);
		}
		catch (UnsupportedOperationException ex) {
			return ConditionalWrites.unsupported(store,
					"cannot write conditionally" + ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""));
		}
		catch (IOException ex) {
			failure = ex;
			throw ex;
		}
		finally {
			try {
				store.delete(key);
			}
			catch (IOException ex) {
				if (failure == null) {
					throw ex;
				}
				failure.addSuppressed(ex);
			}
		}
	}

}
