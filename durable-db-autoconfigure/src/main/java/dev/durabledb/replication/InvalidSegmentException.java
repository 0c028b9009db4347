package dev.durabledb.replication;

import java.io.IOException;

/** A segment read from the store cannot be used: why, in words for an operator. */
final class InvalidSegmentException extends IOException {

	InvalidSegmentException(String why) {
		super("Invalid segment: " + why);
	}

}
