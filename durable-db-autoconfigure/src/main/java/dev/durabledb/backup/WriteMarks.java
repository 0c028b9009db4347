package dev.durabledb.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.durabledb.instance.CommitListener;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.sqlite.ChangeMarker;

/**
 * Keeps each instance's {@link ChangeMarker} honest at the cost of one extra statement per
 * instance and backup: the first write to an instance since this process started, or
 * since its last backup, bumps the marker's counter inside the write's transaction.
 * <p>
 * A backup {@link #reset resets} the instance under its writer lock before it takes its
 * snapshot. A write that committed before then is in the snapshot; a write after then
 * bumps the counter again. Either way, an instance whose marker equals its last backup's
 * has not changed since.
 */
final class WriteMarks implements CommitListener {

	private final Set<InstanceKey> counted = ConcurrentHashMap.newKeySet();

	@Override
	public void beforeCommit(InstanceKey key, Connection connection) throws SQLException {
		if (!this.counted.contains(key)) {
			ChangeMarker.count(connection);
		}
	}

	@Override
	public void afterCommit(InstanceKey key) {
		this.counted.add(key);
	}

	/** Whether the instance was written since it was last reset in this process. */
	boolean writtenSinceReset(InstanceKey key) {
		return this.counted.contains(key);
	}

	/** Forgets the writes to an instance; call it under the instance's writer lock. */
	void reset(InstanceKey key) {
		this.counted.remove(key);
	}

}
