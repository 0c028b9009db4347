package dev.durabledb.backup;

import dev.durabledb.DurableDbException;

/** A backup or restore that could not be done; the instance's data is as it was. */
public class BackupException extends DurableDbException {

	public BackupException(String message) {
		super(message);
	}

	public BackupException(String message, Throwable cause) {
		super(message, cause);
	}

}
