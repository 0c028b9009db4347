package dev.durabledb.replication;

import dev.durabledb.DurableDbException;

/** The history of an instance cannot go on from what was shipped: a new generation must begin. */
final class ChainBrokenException extends DurableDbException {

	ChainBrokenException(String message) {
		super(message);
	}

}
