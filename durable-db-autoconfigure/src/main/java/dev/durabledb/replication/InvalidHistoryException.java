package dev.durabledb.replication;

import dev.durabledb.DurableDbException;

/**
 * The store's history of an instance cannot give what was asked: a bookmark it never
 * reached, a missing commit, a damaged or foreign segment. Nothing was changed.
 */
public class InvalidHistoryException extends DurableDbException {

	InvalidHistoryException(String message, Throwable cause) {
		super(message, cause);
	}

}
