package dev.durabledb.cluster.remote;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.durabledb.action.InvalidActionArgumentsException;
import dev.durabledb.action.InvalidArgument;
import dev.durabledb.cluster.LeaseLostException;
import dev.durabledb.cluster.OwnedElsewhereException;
import dev.durabledb.database.UnknownDatabaseException;
import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.instance.StorageFullException;
import dev.durabledb.instance.StorageUnavailableException;
import dev.durabledb.migration.MigrationFailedException;
import dev.durabledb.replication.HistoryFencedException;
import dev.durabledb.replication.NotReplicatedException;
import dev.durabledb.tenant.InvalidTenantIdException;
import dev.durabledb.tenant.MissingTenantException;
import dev.durabledb.tenant.TenantAlreadyExistsException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ResponseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An exception thrown by an action on the owner, described, written as the owner writes
 * it, read as the caller reads it and rethrown: of the same kind, with what its HTTP
 * answer needs.
 */
class RemoteFailureTests {

	private final JsonMapper mapper = JsonMapper.shared();

	private final InstanceKey acme = new InstanceKey("notes", "acme");

	@Test
	void instanceNotFoundKeepsTheKeyItNamesAndItsMessage() {
		InstanceKey other = new InstanceKey("notes", "other");

		RuntimeException rethrown = travel(new InstanceNotFoundException(other));

		assertThat(rethrown).isExactlyInstanceOf(InstanceNotFoundException.class)
			.hasMessage("Tenant 'other' does not exist")
			.hasCauseInstanceOf(RemoteCause.class);
		assertThat(((InstanceNotFoundException) rethrown).getKey()).isEqualTo(other);
		assertThat(rethrown.getCause()).hasToString(
				"dev.durabledb.instance.InstanceNotFoundException on node node-b: Tenant 'other' does not exist");
		assertThat(status(new InstanceNotFoundException(other))).isEqualTo(404);
	}

	@Test
	void busyKeepsHowLongItWaitedAndWhenToRetry() {
		InstanceBusyException busy = new InstanceBusyException(this.acme, Duration.ofMillis(250));

		InstanceBusyException rethrown = (InstanceBusyException) travel(busy);

		assertThat(rethrown).hasMessage(busy.getMessage());
		assertThat(rethrown.getKey()).isEqualTo(this.acme);
		assertThat(rethrown.getWaited()).isEqualTo(Duration.ofMillis(250));
		assertThat(rethrown.getRetryAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(status(busy)).isEqualTo(503);
		assertThat(wire(busy).get("retryAfter").asLong()).isEqualTo(1);
	}

	@Test
	void storageFailuresKeepTheirKindAndTheirMessage() {
		StorageFullException full = new StorageFullException(this.acme, new IOException("No space left on device"));
		StorageUnavailableException unavailable = new StorageUnavailableException(this.acme,
				new IOException("Input/output error"));

		assertThat(travel(full)).isExactlyInstanceOf(StorageFullException.class).hasMessage(full.getMessage());
		assertThat(travel(unavailable)).isExactlyInstanceOf(StorageUnavailableException.class)
			.hasMessage(unavailable.getMessage());
		assertThat(((StorageFullException) travel(full)).getKey()).isEqualTo(this.acme);
		assertThat(status(full)).isEqualTo(503);
		assertThat(wire(full).get("retryAfter").asLong()).isEqualTo(30);
	}

	@Test
	void notReplicatedKeepsItsMessageWithTheStoresReason() {
		NotReplicatedException notReplicated = new NotReplicatedException(this.acme, new IOException("store down"));

		RuntimeException rethrown = travel(notReplicated);

		assertThat(rethrown).isExactlyInstanceOf(NotReplicatedException.class).hasMessage(notReplicated.getMessage());
		assertThat(rethrown.getCause()).hasMessage("store down");
		assertThat(status(notReplicated)).isEqualTo(503);
	}

	@Test
	void clusterFailuresKeepTheirKindTheirInstanceAndTheOwnerTheyName() {
		LeaseLostException lost = new LeaseLostException(this.acme);
		OwnedElsewhereException elsewhere = new OwnedElsewhereException(this.acme, "node-c");
		HistoryFencedException fenced = new HistoryFencedException(this.acme, "another writer claimed it");

		assertThat(travel(lost)).isExactlyInstanceOf(LeaseLostException.class).hasMessage(lost.getMessage());
		assertThat(((LeaseLostException) travel(lost)).getKey()).isEqualTo(this.acme);
		OwnedElsewhereException rethrown = (OwnedElsewhereException) travel(elsewhere);
		assertThat(rethrown.getOwner()).isEqualTo("node-c");
		assertThat(rethrown.getKey()).isEqualTo(this.acme);
		assertThat(travel(fenced)).isExactlyInstanceOf(HistoryFencedException.class).hasMessageContaining("node-b");
		assertThat(status(lost)).isEqualTo(503);
		assertThat(status(elsewhere)).isEqualTo(503);
		assertThat(status(fenced)).isEqualTo(503);
		assertThat(wire(fenced).get("retryAfter").asLong()).isEqualTo(1);
	}

	@Test
	void migrationFailedKeepsItsMessageAndWhenTheNextAttemptIsDue() {
		MigrationFailedException failed = new MigrationFailedException(this.acme,
				"Instance 'notes/acme' failed to migrate (1 of 3 attempts); the next attempt is due in 30 s", null,
				Duration.ofSeconds(30));
		MigrationFailedException exhausted = new MigrationFailedException(this.acme, "failed 3 times", null, null);

		MigrationFailedException rethrown = (MigrationFailedException) travel(failed);

		assertThat(rethrown).hasMessage(failed.getMessage());
		assertThat(rethrown.getKey()).isEqualTo(this.acme);
		assertThat(rethrown.getRetryAfter()).isEqualTo(Duration.ofSeconds(30));
		assertThat(((MigrationFailedException) travel(exhausted)).getRetryAfter()).isNull();
	}

	@Test
	void tenantAndDatabaseFailuresKeepTheirKindAndMessage() {
		List<RuntimeException> thrown = List.of(new MissingTenantException("notes"),
				new InvalidTenantIdException("[a-z]{1,10}"), new TenantAlreadyExistsException("acme"),
				new UnknownDatabaseException("nope"), new NotOwnerException(this.acme, "node-b"));

		for (RuntimeException ex : thrown) {
			assertThat(travel(ex)).isExactlyInstanceOf(ex.getClass()).hasMessage(ex.getMessage());
		}
		assertThat(thrown.stream().map(this::status)).containsExactly(400, 400, 409, 404, 503);
		assertThat(((NotOwnerException) travel(new NotOwnerException(this.acme, "node-b"))).getNode())
			.isEqualTo("node-b");
	}

	@Test
	void invalidArgumentsKeepTheActionAndEveryField() {
		InvalidActionArgumentsException invalid = new InvalidActionArgumentsException("UserActions.create",
				List.of(new InvalidArgument("user.email", "must be a well-formed email address"),
						new InvalidArgument("user.name", "must not be blank")));

		InvalidActionArgumentsException rethrown = (InvalidActionArgumentsException) travel(invalid);

		assertThat(rethrown).hasMessage("Invalid arguments for action UserActions.create");
		assertThat(rethrown.getAction()).isEqualTo("UserActions.create");
		assertThat(rethrown.getInvalidArguments()).isEqualTo(invalid.getInvalidArguments());
		assertThat(rethrown.getConstraintViolations()).hasSize(2);
		assertThat(status(invalid)).isEqualTo(400);
	}

	@Test
	void aSubclassOfOneOfDurableDbsExceptionsComesBackAsThatException() {
		RuntimeException rethrown = travel(new TenantGone(this.acme));

		assertThat(rethrown).isExactlyInstanceOf(InstanceNotFoundException.class);
	}

	@Test
	void anErrorResponseKeepsItsWholeProblem() {
		ErrorResponseException problem = new ErrorResponseException(HttpStatus.CONFLICT);
		problem.getBody().setType(URI.create("https://example.com/problems/email-taken"));
		problem.getBody().setTitle("Email taken");
		problem.getBody().setDetail("A user with email a@example.com already exists");
		problem.getBody().setProperty("email", "a@example.com");

		RemoteActionException rethrown = (RemoteActionException) travel(problem);

		assertThat(rethrown.getStatus()).isEqualTo(409);
		assertThat(rethrown.getType()).isEqualTo(URI.create("https://example.com/problems/email-taken"));
		assertThat(rethrown.getTitle()).isEqualTo("Email taken");
		assertThat(rethrown.getDetail()).isEqualTo("A user with email a@example.com already exists");
		assertThat(rethrown.getProperties()).isEqualTo(Map.of("email", "a@example.com"));
		assertThat(rethrown.getExceptionType()).isEqualTo(ErrorResponseException.class.getName());
		assertThat(rethrown).hasMessage("Action NoteActions.add failed on node node-b with "
				+ "org.springframework.web.ErrorResponseException (status 409): A user with email a@example.com "
				+ "already exists");
	}

	@Test
	void aResponseStatusKeepsItsStatusAndReasonAlsoWhenInherited() {
		RemoteActionException paid = (RemoteActionException) travel(new PaymentRequired("card declined"));
		RemoteActionException inherited = (RemoteActionException) travel(new PaymentRequiredAgain());

		assertThat(paid.getStatus()).isEqualTo(402);
		assertThat(paid.getDetail()).isEqualTo("Pay first");
		assertThat(paid.getRemoteMessage()).isEqualTo("card declined");
		assertThat(inherited.getStatus()).isEqualTo(402);
		assertThat(inherited.getExceptionType()).isEqualTo(PaymentRequiredAgain.class.getName());
	}

	@Test
	void anythingElseIsAServerErrorThatTellsClientsNothing() {
		RemoteActionException rethrown = (RemoteActionException) travel(
				new IllegalStateException("SELECT * FROM users at /var/data"));

		assertThat(rethrown.getStatus()).isEqualTo(500);
		assertThat(rethrown.getDetail()).isNull();
		assertThat(rethrown.getTitle()).isNull();
		assertThat(rethrown.getExceptionType()).isEqualTo("java.lang.IllegalStateException");
		assertThat(rethrown.getRemoteMessage()).isEqualTo("SELECT * FROM users at /var/data");
		assertThat(rethrown.getMessage()).doesNotContain("SELECT", "/var");
	}

	@Test
	void aRemoteActionExceptionThrownOnTheOwnerTravelsOnAsItIs() {
		RemoteActionException first = (RemoteActionException) travel(new PaymentRequired("card declined"));

		RemoteActionException second = (RemoteActionException) travel(first);

		assertThat(second.getStatus()).isEqualTo(402);
		assertThat(second.getDetail()).isEqualTo("Pay first");
		assertThat(second.getExceptionType()).isEqualTo(PaymentRequired.class.getName());
		assertThat(second.getRemoteMessage()).isEqualTo("card declined");
	}

	@Test
	void aDurableDbFailureWithoutWhatItsRebuildNeedsComesBackAsARemoteActionException() {
		JsonNode failure = this.mapper.readTree(
				"{\"status\":400,\"exception\":\"dev.durabledb.tenant.MissingTenantException\",\"detail\":\"No tenant\"}");

		RuntimeException rethrown = RemoteFailure.fromJson(failure)
			.toException(this.acme, "NoteActions.add", "node-b", this.mapper);

		assertThat(rethrown).isInstanceOf(RemoteActionException.class);
		assertThat(((RemoteActionException) rethrown).getStatus()).isEqualTo(400);
	}

	@Test
	void anAnswerThatIsNotAFailureIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RemoteFailure.fromJson(this.mapper.readTree("{\"status\":404}")));
		assertThatIllegalArgumentException().isThrownBy(() -> RemoteFailure.fromJson(this.mapper.readTree("[]")));
	}

	private RuntimeException travel(Throwable thrown) {
		JsonNode read = this.mapper.readTree(this.mapper.writeValueAsBytes(wire(thrown)));
		return RemoteFailure.fromJson(read).toException(this.acme, "NoteActions.add", "node-b", this.mapper);
	}

	private JsonNode wire(Throwable thrown) {
		return new FailureReports(this.mapper).describe(thrown).toJson(this.mapper);
	}

	private int status(Throwable thrown) {
		return wire(thrown).get("status").asInt();
	}

	static class TenantGone extends InstanceNotFoundException {

		TenantGone(InstanceKey key) {
			super(key);
		}

	}

	@ResponseStatus(code = HttpStatus.PAYMENT_REQUIRED, reason = "Pay first")
	static class PaymentRequired extends RuntimeException {

		PaymentRequired(String message) {
			super(message);
		}

	}

	static class PaymentRequiredAgain extends PaymentRequired {

		PaymentRequiredAgain() {
			super("again");
		}

	}

}
