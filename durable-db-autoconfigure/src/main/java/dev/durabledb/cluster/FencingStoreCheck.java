package dev.durabledb.cluster;

import java.io.IOException;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.store.ConditionalWrites;
import dev.durabledb.store.ObjectStore;

/**
 * In cluster mode the replica store must refuse a second write under one key: that is
 * what will keep a node that lost its lease (paused, cut off) from extending an instance's
 * history. Whether a store does is tried at startup, never assumed: S3-compatible servers
 * differ, and one that ignores {@code If-None-Match} would silently let two owners write.
 */
final class FencingStoreCheck {

	private FencingStoreCheck() {
	}

	/**
	 * What the store's probe answered, when it refuses second writes.
	 * @throws DurableDbConfigurationException when it does not, or could not be asked
	 */
	static ConditionalWrites require(ObjectStore store) {
		ConditionalWrites answer;
		try {
			answer = store.probeConditionalWrites();
		}
		catch (IOException | RuntimeException ex) {
			throw new DurableDbConfigurationException("durable-db.cluster.enabled=true needs a store that refuses a"
					+ " second write under one key, and " + store.describe() + " could not be asked: " + ex.getMessage(),
					"Make the store reachable when the application starts, or turn the cluster off");
		}
		if (!answer.supported()) {
			throw new DurableDbConfigurationException("durable-db.cluster.enabled=true needs a store that refuses a"
					+ " second write under one key (conditional writes), and it does not: " + answer.detail(),
					"Use a store that honours If-None-Match (AWS S3, Cloudflare R2, MinIO) or the file store on a file"
							+ " system with hard links, or turn the cluster off");
		}
		return answer;
	}

}
