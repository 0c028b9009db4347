package dev.durabledb.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared statements one connection keeps for reuse, by SQL, least recently used
 * first out. Preparing a statement costs SQLite about as much as running a small insert,
 * and JDBC helpers prepare one per call, so actions reuse them instead.
 * <p>
 * Only the thread that holds the connection (under the writer lock, or with the reader
 * checked out) uses its cache, so it needs no locking.
 */
public final class StatementCache {

	private static final int CAPACITY = 32;

	private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(16, 0.75f, true);

	/** An idle statement for {@code sql}, removed from the cache; {@code null} if none. */
	public PreparedStatement take(String sql) {
		return this.idle.remove(sql);
	}

	/** Keeps a statement its user is done with; closes it if one for the same SQL is kept already. */
	public void giveBack(String sql, PreparedStatement statement) throws SQLException {
		statement.clearParameters();
		PreparedStatement previous = this.idle.putIfAbsent(sql, statement);
		if (previous != null) {
			statement.close();
			return;
		}
		if (this.idle.size() > CAPACITY) {
			Iterator<PreparedStatement> eldest = this.idle.values().iterator();
			PreparedStatement evicted = eldest.next();
			eldest.remove();
			evicted.close();
		}
	}

	/** Closes every kept statement; called before the connection closes. */
	void closeAll() {
		for (PreparedStatement statement : this.idle.values()) {
			try {
				statement.close();
			}
			catch (SQLException ex) {
				// The connection closes next; nothing else to release.
			}
		}
		this.idle.clear();
	}

}
