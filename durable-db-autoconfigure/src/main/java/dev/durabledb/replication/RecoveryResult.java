package dev.durabledb.replication;

import java.util.List;

/**
 * What a recovery from the store did.
 *
 * @param database the database
 * @param recovered the instances rebuilt into the data dir
 * @param skipped the instances left alone: their file existed, they were deleted, or
 * their history begins after the time asked for
 * @param failed the instances that could not be rebuilt (each logged with why)
 */
public record RecoveryResult(String database, List<String> recovered, List<String> skipped, List<String> failed) {

	public RecoveryResult {
		recovered = List.copyOf(recovered);
		skipped = List.copyOf(skipped);
		failed = List.copyOf(failed);
	}

}
