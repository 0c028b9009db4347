package dev.durabledb.instance;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Creates instance files and keeps their schema up to date; the registry calls it while
 * it opens an instance, so that an instance in service is always current.
 */
public interface InstanceProvisioner {

	/**
	 * Creates the file of a new instance, complete and current, at {@code file}.
	 * @return {@code false} if the file already existed (it is left as it was)
	 */
	boolean create(InstanceKey key, Path file);

	/** Whether the instance open on {@code connection} is current; must be cheap. */
	boolean isCurrent(InstanceKey key, Connection connection) throws SQLException;

	/**
	 * Brings the instance open on {@code connection} (writable, the only connection to it)
	 * up to date on that connection, if that can be done there in one transaction.
	 * @return {@code false} if it cannot: the caller closes the connection and calls
	 * {@link #migrate}
	 */
	boolean migrateOpen(InstanceKey key, Path file, Connection connection) throws SQLException;

	/**
	 * Brings the instance at {@code file} up to date; no connection to it is open.
	 * @param retry whether an operator asked for it, so that an instance whose attempts
	 * ran out is tried again
	 */
	void migrate(InstanceKey key, Path file, boolean retry);

}
