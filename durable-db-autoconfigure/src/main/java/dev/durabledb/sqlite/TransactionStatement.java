package dev.durabledb.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.sqlite.core.Codes;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;
import org.sqlite.core.SafeStmtPtr;

/**
 * One of a connection's transaction statements ({@code BEGIN}, {@code COMMIT},
 * {@code ROLLBACK}), prepared once and run by stepping SQLite's statement directly.
 * <p>
 * These statements take no parameters and return no rows, yet sqlite-jdbc's
 * {@code execute()} does its full bookkeeping for them (generated keys, update counts,
 * result-set checks): about 0.7 µs each, as much as SQLite's own work for a point
 * select. Every action runs two of them, so they go through sqlite-jdbc's public
 * statement handle instead: one step.
 */
final class TransactionStatement {

	/** Kept reachable for as long as its pointer is used; the connection finalizes it when it closes. */
	private final PreparedStatement statement;

	private final SafeStmtPtr pointer;

	TransactionStatement(Connection connection, String sql) throws SQLException {
		this.statement = connection.prepareStatement(sql);
		this.pointer = this.statement.unwrap(CoreStatement.class).pointer;
	}

	void run() throws SQLException {
		this.pointer.safeRunConsume(TransactionStatement::step);
	}

	/**
	 * A statement that ran to completion holds nothing and is reset by SQLite itself when
	 * it is stepped again; only a failed one is reset here, after its error is read.
	 */
	private static void step(DB db, long pointer) throws SQLException {
		int result = db.step(pointer);
		if (result != Codes.SQLITE_DONE) {
			try {
				db.throwex(result);
			}
			finally {
				db.reset(pointer);
			}
		}
	}

}
