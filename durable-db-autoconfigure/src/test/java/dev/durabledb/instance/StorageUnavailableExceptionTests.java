package dev.durabledb.instance;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean that the storage, not the action, failed. */
class StorageUnavailableExceptionTests {

	@Test
	void sqliteIoErrorsAndFilesItCannotOpenAreStorageErrorsWhereverTheyAreInTheChain() {
		for (SQLiteErrorCode code : new SQLiteErrorCode[] { SQLiteErrorCode.SQLITE_IOERR,
				SQLiteErrorCode.SQLITE_IOERR_WRITE, SQLiteErrorCode.SQLITE_IOERR_FSYNC, SQLiteErrorCode.SQLITE_CANTOPEN }) {
			SQLiteException sqlite = new SQLiteException("from SQLite", code);
			assertThat(StorageUnavailableException.isStorageError(sqlite)).as(code.name()).isTrue();
			assertThat(StorageUnavailableException
				.isStorageError(new DataAccessResourceFailureException("wrapped by Spring", sqlite)))
				.as(code.name())
				.isTrue();
		}
	}

	@Test
	void anActionsOwnFailuresAreNot() {
		assertThat(StorageUnavailableException
			.isStorageError(new SQLiteException("UNIQUE constraint failed", SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)))
			.isFalse();
		assertThat(StorageUnavailableException.isStorageError(new IOException("the action's own file"))).isFalse();
		assertThat(StorageUnavailableException
			.isStorageError(new SQLiteException("a read-only action wrote", SQLiteErrorCode.SQLITE_READONLY)))
			.isFalse();
		assertThat(StorageFullException.isStorageFull(new IOException("the action's own file"))).isFalse();
		assertThat(StorageFullException.isStorageFull(new SQLiteException("full", SQLiteErrorCode.SQLITE_FULL)))
			.isTrue();
	}

}
