package dev.durabledb.replication;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Turns what an instance's write-ahead log gained since the last look into the next
 * segment of its generation. It knows how far it shipped: which log (by its salts) and
 * how many of that log's frames. The log may only restart after everything in it was
 * shipped, which the starter guarantees by checkpointing itself, after shipping, and
 * telling the shipper ({@link #checkpointed()}); any other change of log breaks the chain
 * and calls for a new generation. Calls for one instance must not overlap.
 */
final class Shipper {

	private final String database;

	private final String instance;

	private final String generation;

	private long commits;

	/** Where in the log shipping got to. */
	private WalCursor shipped;

	private boolean restartExpected;

	/** Where the shipper stands once the segment {@link #next} gave is in the store. */
	private @Nullable WalCursor pending;

	private long pendingCommits;

	/**
	 * Starts shipping a generation whose snapshot holds everything up to the end of
	 * {@code log} (position 0 of the generation), read whole.
	 */
	Shipper(String database, String instance, String generation, WalLog log) {
		this.database = database;
		this.instance = instance;
		this.generation = generation;
		this.shipped = log.end();
		this.restartExpected = log.size() == 0;
	}

	/**
	 * Continues a generation whose last commit, {@code shipped}, is in the instance file,
	 * closed with no log: the next log is a new one.
	 */
	static Shipper resume(String database, String instance, Bookmark shipped) {
		Shipper shipper = new Shipper(database, instance, shipped.generation(), WalLog.EMPTY);
		shipper.commits = shipped.commit();
		return shipper;
	}

	String generation() {
		return this.generation;
	}

	/** The bookmark of the last commit shipped. */
	Bookmark shipped() {
		return new Bookmark(this.generation, this.commits);
	}

	/** Where in the log shipping got to: read the log from there. */
	WalCursor cursor() {
		return this.shipped;
	}

	/**
	 * The segment of the commits {@code log} holds beyond those shipped; {@code null} if
	 * there are none. They count as shipped once {@link #shipped(Segment)} says so.
	 * @param log the log, read whole or from {@link #cursor()}
	 * @param seenAt the time to give commits whose own time is not known
	 * @throws ChainBrokenException if the log restarted without everything in it shipped
	 */
	@Nullable Segment next(WalLog log, Instant seenAt) {
		if (log.size() == 0) {
			return null;
		}
		boolean sameLog = log.salt1() == this.shipped.salt1() && log.salt2() == this.shipped.salt2();
		int from;
		if (sameLog && log.size() >= this.shipped.frames()) {
			from = this.shipped.frames();
		}
		else if (!sameLog && this.restartExpected) {
			from = 0;
		}
		else {
			throw new ChainBrokenException("the write-ahead log of instance '" + this.database + "/" + this.instance
					+ "' restarted with frames that were never shipped");
		}
		if (from == log.size()) {
			return null;
		}
		if (from < log.start()) {
			throw new IllegalStateException("The log was read from frame " + log.start() + ", shipping needs " + from);
		}
		List<WalFrame> shipping = log.frames().subList(from - log.start(), log.frames().size());
		List<Segment.Commit> commits = new ArrayList<>();
		for (int i = 0; i < shipping.size(); i++) {
			if (shipping.get(i).isCommit()) {
				commits.add(new Segment.Commit(i + 1, seenAt));
			}
		}
		Segment segment = new Segment(this.database, this.instance, this.generation, this.commits + 1,
				log.pageSize(), List.copyOf(commits), List.copyOf(shipping));
		this.pending = log.end();
		this.pendingCommits = this.commits + commits.size();
		return segment;
	}

	/**
	 * Counts the segment the last {@link #next} gave as shipped: call it once the store
	 * has it. Until then, the next call gives the same commits again (and more).
	 */
	void shipped(Segment segment) {
		WalCursor position = this.pending;
		if (position == null || this.pendingCommits != segment.lastCommit()) {
			throw new IllegalStateException("Not the segment the shipper gave last: " + segment.lastCommit());
		}
		this.commits = this.pendingCommits;
		this.shipped = position;
		this.restartExpected = false;
		this.pending = null;
	}

	/**
	 * Tells the shipper that the starter checkpointed the log after everything in it was
	 * shipped: the next log it sees may be a new one.
	 */
	void checkpointed() {
		this.restartExpected = true;
	}

}
