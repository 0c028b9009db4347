package dev.durabledb.web;

import java.net.URI;

import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.StorageFullException;
import dev.durabledb.instance.StorageUnavailableException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbProblemHandlerTests {

	@Test
	void fullStorageIsA503ProblemWithRetryAfterAndNothingOfTheFileSystem() {
		StorageFullException full = new StorageFullException(new InstanceKey("notes", "acme"),
				new SQLiteException("database or disk is full: /var/data/notes/acme.db", SQLiteErrorCode.SQLITE_FULL));

		ResponseEntity<ProblemDetail> response = new DurableDbProblemHandler().storageFull(full);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
		ProblemDetail problem = response.getBody();
		assertThat(problem).isNotNull();
		assertThat(problem.getType()).isEqualTo(URI.create("https://durabledb.dev/problems/storage-full"));
		assertThat(problem.getDetail()).contains("storage is full").doesNotContain("/var", "SQLITE", "acme.db");
	}

	@Test
	void failingStorageIsA503ProblemWithRetryAfter() {
		StorageUnavailableException failing = new StorageUnavailableException(new InstanceKey("notes", "acme"),
				new SQLiteException("disk I/O error", SQLiteErrorCode.SQLITE_IOERR_WRITE));

		ResponseEntity<ProblemDetail> response = new DurableDbProblemHandler().storageUnavailable(failing);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
		assertThat(response.getBody()).isNotNull();
		assertThat(response.getBody().getType()).isEqualTo(URI.create("https://durabledb.dev/problems/storage-unavailable"));
	}

}
