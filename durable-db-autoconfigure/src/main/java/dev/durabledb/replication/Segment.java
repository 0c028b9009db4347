package dev.durabledb.replication;

import java.time.Instant;
import java.util.List;

/**
 * An immutable piece of one instance's history: the frames of consecutive commits of one
 * generation, as shipped to the store.
 *
 * @param database the instance's database
 * @param instance the instance
 * @param generation the generation the commits belong to
 * @param firstCommit the position of the first commit in its generation (from 1)
 * @param pageSize the database's page size
 * @param commits every commit, in order: where its frames end and when it was seen
 * @param frames the frames of all of them, in log order
 */
record Segment(String database, String instance, String generation, long firstCommit, int pageSize,
		List<Commit> commits, List<WalFrame> frames) {

	/** The position of the last commit. */
	long lastCommit() {
		return this.firstCommit + this.commits.size() - 1;
	}

	/**
	 * One commit of a segment.
	 *
	 * @param framesEnd how many of the segment's frames belong to it and those before it
	 * @param at when it committed, as the shipper saw it
	 */
	record Commit(int framesEnd, Instant at) {
	}

}
