package dev.durabledb.action;

import dev.durabledb.DurableDbException;

/**
 * Thrown when a durable database's JDBC handles are used with no action on that
 * database running on the current thread.
 */
public class NoActionRunningException extends DurableDbException {

	NoActionRunningException(String database) {
		super("No @DurableAction on database '" + database
				+ "' is running on this thread: its JdbcClient, JdbcTemplate and DataSource work only inside one");
	}

}
