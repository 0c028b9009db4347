package dev.durabledb.web;

import java.net.URI;
import java.nio.file.Path;

import dev.durabledb.cluster.LeaseLostException;
import dev.durabledb.cluster.LeaseStoreException;
import dev.durabledb.cluster.OwnedElsewhereException;
import dev.durabledb.fixtures.Causes;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.StorageFullException;
import dev.durabledb.instance.StorageUnavailableException;
import dev.durabledb.migration.ChangelogFailedException;
import dev.durabledb.migration.MigrationFailedException;
import dev.durabledb.replication.HistoryFencedException;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DurableDbProblemHandlerTests {

	@TempDir
	Path dataDir;

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
	void aFencedOffWriteIsA503ProblemWithRetryAfter() {
		HistoryFencedException fenced = new HistoryFencedException(new InstanceKey("notes", "acme"),
				"position 0190-0003 is another writer's");

		ResponseEntity<ProblemDetail> response = new DurableDbProblemHandler().historyFenced(fenced);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(response.getBody()).isNotNull();
		assertThat(response.getBody().getType()).isEqualTo(URI.create("https://durabledb.dev/problems/history-fenced"));
		assertThat(response.getBody().getDetail()).doesNotContain("0190");
	}

	@Test
	void clusterFailuresAre503ProblemsWithRetryAfterThatNameNoNodeOrTable() {
		InstanceKey acme = new InstanceKey("notes", "acme");
		DurableDbProblemHandler handler = new DurableDbProblemHandler();
		assertRetryLater(handler.leaseLost(new LeaseLostException(acme)), "lease-lost");
		assertRetryLater(handler.ownedElsewhere(new OwnedElsewhereException(acme, "node-7")), "tenant-moving");
		assertRetryLater(handler.leaseStore(new LeaseStoreException("Could not renew in durable_db_lease",
				new java.sql.SQLException("Connection refused: 10.0.0.5:5432"))), "lease-store-unavailable");
	}

	private static void assertRetryLater(ResponseEntity<ProblemDetail> response, String type) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(response.getBody()).isNotNull();
		assertThat(response.getBody().getType()).isEqualTo(URI.create("https://durabledb.dev/problems/" + type));
		assertThat(response.getBody().getDetail()).doesNotContain("acme", "node-7", "durable_db_lease", "10.0.0.5");
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

	@Test
	void aChangelogThatCannotBuildTheTemplateIsA503ProblemNotA500() {
		TestApplications.starter(this.dataDir)
			.withPropertyValues("durable-db.databases.notes.changelog=classpath:changelogs/notes-unbuildable.yaml")
			.run((context) -> {
				ChangelogFailedException failure = Causes.find(context.getStartupFailure(), ChangelogFailedException.class);

				ResponseEntity<ProblemDetail> response = new DurableDbProblemHandler().changelogFailed(failure);

				assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(response.getBody()).isNotNull();
				assertThat(response.getBody().getType())
					.isEqualTo(URI.create("https://durabledb.dev/problems/changelog-failed"));
				assertThat(response.getBody().getDetail()).doesNotContain("SQL", "table_that_does_not_exist", ".yaml");
			});
	}

	@Test
	void aMigrationWaitingForItsNextAttemptIsA503ProblemWithRetryAfter() {
		TestApplications.withActions(this.dataDir)
			.run((context) -> Tenants.run("acme", () -> context.getBean(NoteActions.class).add("one")));
		TestApplications.withActions(this.dataDir)
			.withPropertyValues("durable-db.databases.notes.changelog=classpath:changelogs/notes-broken.yaml",
					"durable-db.migration.retry-delay=10m")
			.run((context) -> {
				NoteActions notes = context.getBean(NoteActions.class);
				MigrationFailedException attempt = catchThrowableOfType(MigrationFailedException.class,
						() -> Tenants.call("acme", notes::bodies));
				MigrationFailedException waiting = catchThrowableOfType(MigrationFailedException.class,
						() -> Tenants.call("acme", notes::bodies));

				assertThat(new DurableDbProblemHandler().migrationFailed(attempt).getHeaders()
					.getFirst(HttpHeaders.RETRY_AFTER)).isNull();
				ResponseEntity<ProblemDetail> response = new DurableDbProblemHandler().migrationFailed(waiting);
				assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(Long.parseLong(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(500L, 600L);
				assertThat(response.getBody()).isNotNull();
				assertThat(response.getBody().getType())
					.isEqualTo(URI.create("https://durabledb.dev/problems/migration-failed"));
			});
	}

}
