package dev.durabledb.instance;

import java.sql.Connection;

/**
 * A connection of an open instance, with the prepared statements it keeps.
 *
 * @param connection the sqlite-jdbc connection
 * @param statements its statement cache
 */
public record PooledConnection(Connection connection, StatementCache statements) {

	static PooledConnection of(Connection connection) {
		return new PooledConnection(connection, new StatementCache());
	}

}
