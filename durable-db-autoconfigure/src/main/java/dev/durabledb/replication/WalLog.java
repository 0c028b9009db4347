package dev.durabledb.replication;

import java.util.List;

/**
 * The committed part of a write-ahead log as read from disk: the frames of every
 * transaction that committed, in order. Frames after the last commit (a transaction
 * still being written), and frames a restarted log left behind from before its restart,
 * are not part of it.
 *
 * @param pageSize the database's page size
 * @param salt1 the first salt of the log's header: it changes whenever the log restarts,
 * so two reads with the same salts read one log
 * @param salt2 the second salt
 * @param checkpointSequence how many times the log restarted since it was created
 * @param frames the committed frames, in log order
 */
record WalLog(int pageSize, int salt1, int salt2, int checkpointSequence, List<WalFrame> frames) {

	/** How many transactions committed in the log. */
	int commits() {
		return (int) this.frames.stream().filter(WalFrame::isCommit).count();
	}

}
