package dev.durabledb.replication;

import dev.durabledb.DurableDbException;

/** A file that should be a write-ahead log is not one. */
final class InvalidWalException extends DurableDbException {

	InvalidWalException(String message) {
		super(message);
	}

}
