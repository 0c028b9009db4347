package dev.durabledb.replication;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.durabledb.instance.InstanceFileName;
import dev.durabledb.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies retention to the history of every instance in the store, open or not, existing
 * or deleted: what a generation that begins does for its own instance, for those that
 * stay idle or were deleted.
 */
final class RetentionSweep implements Runnable {

	/** When the first sweep runs after startup, and how often the next ones do. */
	static final Duration DELAY = Duration.ofMinutes(10);

	static final Duration PERIOD = Duration.ofDays(1);

	private static final Logger logger = LoggerFactory.getLogger(RetentionSweep.class);

	private final ObjectStore store;

	private final Duration retention;

	private final Clock clock;

	RetentionSweep(ObjectStore store, Duration retention, Clock clock) {
		this.store = store;
		this.retention = retention;
		this.clock = clock;
	}

	/**
	 * Sweeps once.
	 * @return how many generations were deleted
	 */
	int expireAll() throws IOException {
		Instant cutoff = this.clock.instant().minus(this.retention);
		Set<String> instances = new TreeSet<>();
		for (String key : this.store.list(Replica.ROOT)) {
			String[] parts = key.substring(Replica.ROOT.length()).split("/", 3);
			if (parts.length == 3) {
				instances.add(parts[0] + "/" + parts[1]);
			}
		}
		int expired = 0;
		for (String instance : instances) {
			String database = instance.substring(0, instance.indexOf('/'));
			String folder = instance.substring(instance.indexOf('/') + 1);
			Optional<String> id = InstanceFileName.decode(folder);
			if (id.isPresent()) {
				expired += new Replica(this.store, database, id.get(), folder).expire(cutoff);
			}
		}
		return expired;
	}

	/** Sweeps once, logging what it deleted or why it could not. */
	@Override
	public void run() {
		try {
			int expired = expireAll();
			if (expired > 0) {
				logger.info("Deleted {} replication generations older than the retention of {} from {}", expired,
						this.retention, this.store.describe());
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not apply the replication retention in {} ({}); trying again in {}",
					this.store.describe(), ex.getMessage(), PERIOD);
		}
	}

}
