package dev.durabledb.replication;

import java.util.List;

/**
 * The committed part of a write-ahead log as read from disk: the frames of every
 * transaction that committed, in order, from frame {@code start} on (a read that continued
 * from a {@link WalCursor} skips those it had). Frames after the last commit (a
 * transaction still being written), and frames a restarted log left behind from before its
 * restart, are not part of it.
 *
 * @param pageSize the database's page size
 * @param checkpointSequence how many times the log restarted since it was created
 * @param start how many of the log's frames come before {@code frames}
 * @param frames the committed frames from {@code start} on, in log order
 * @param end where the committed frames end: the salts, {@code start + frames.size()}
 * frames, and the running checksum there
 */
record WalLog(int pageSize, int checkpointSequence, int start, List<WalFrame> frames, WalCursor end) {

	/** A log with no frame: missing, or holding no header yet. */
	static final WalLog EMPTY = new WalLog(0, 0, 0, List.of(), new WalCursor(0, 0, 0, 0, 0));

	/** The first salt of the log's header: two reads with the same salts read one log. */
	int salt1() {
		return this.end.salt1();
	}

	int salt2() {
		return this.end.salt2();
	}

	/** How many committed frames the log holds, those before {@code start} included. */
	int size() {
		return this.end.frames();
	}

	/** How many transactions committed in the frames read. */
	int commits() {
		return (int) this.frames.stream().filter(WalFrame::isCommit).count();
	}

}
