package dev.durabledb.backup;

/**
 * Thrown when a restore is refused before anything was touched: the backup does not
 * exist, is corrupt, is not a SQLite database, or belongs to another database.
 */
public class InvalidBackupException extends BackupException {

	public InvalidBackupException(String message) {
		super(message);
	}

	public InvalidBackupException(String message, Throwable cause) {
		super(message, cause);
	}

}
