package dev.durabledb.instance;

import dev.durabledb.sqlite.PreparedConnection;

/**
 * Code that runs inside one transaction of an instance, on the connection it is given.
 *
 * @param <T> what it returns
 */
@FunctionalInterface
public interface TransactionWork<T> {

	/**
	 * Runs; returning commits the transaction, throwing rolls it back.
	 * @param connection the connection, usable until this method returns
	 */
	T run(PreparedConnection connection) throws Throwable;

}
