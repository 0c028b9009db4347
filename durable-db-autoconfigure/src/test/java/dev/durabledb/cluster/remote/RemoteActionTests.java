package dev.durabledb.cluster.remote;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durabledb.action.InvalidActionArgumentsException;
import dev.durabledb.action.InvalidArgument;
import dev.durabledb.cluster.Acquisition;
import dev.durabledb.cluster.Lease;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.cluster.remote.RemoteNoteActions.Note;
import dev.durabledb.fixtures.CounterActions;
import dev.durabledb.fixtures.Gate;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Two nodes in this JVM, each a real server on a loopback port with its own data dir: node
 * A sends actions of tenants whose lease node B holds to B, through A's
 * {@link RemoteActionClient}.
 */
class RemoteActionTests {

	private static final String TABLE = Postgres.uniqueName("lease_remote_test");

	private static final AtomicInteger tenants = new AtomicInteger();

	@TempDir
	static Path root;

	private static ConfigurableApplicationContext a;

	private static ConfigurableApplicationContext b;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final JsonMapper json = JsonMapper.shared();

	@BeforeAll
	static void startNodes() {
		Postgres.assumeAvailable();
		a = ClusterNodes.start("node-a", root.resolve("a"), TABLE);
		b = ClusterNodes.start("node-b", root.resolve("b"), TABLE, "durable-db.action.lock-timeout=300ms");
	}

	@AfterAll
	static void stopNodes() {
		if (a != null) {
			a.close();
		}
		if (b != null) {
			b.close();
		}
		Postgres.drop(TABLE);
	}

	@Test
	void anActionCalledOnANodeRunsOnTheOwnerAndOnlyTheOwnersFileHasTheWrite() throws Exception {
		String tenant = tenantOfB();

		Object id = Tenants.call(tenant, () -> client().call(ownerOf(tenant), "remoteNoteActions", add(), "Buy milk"));

		assertThat(id).isEqualTo(1L);
		assertThat(bodiesInFile(root.resolve("b/notes/" + tenant + ".db"))).containsExactly("Buy milk");
		assertThat(root.resolve("a/notes/" + tenant + ".db")).doesNotExist();
		assertThat(a.getBean(TenantDirectory.class).list()).isEmpty();
		assertThat(a.getBean(Invocations.class).count()).isZero();
	}

	@Test
	void overloadsAreCalledExactlyAndRecordsComeBackAsRecords() throws Exception {
		String tenant = tenantOfB();
		Lease owner = ownerOf(tenant);

		client().call(owner, "remoteNoteActions", add(), "plain");
		client().call(owner, "remoteNoteActions", RemoteNoteActions.class.getMethod("add", Note.class),
				new Note("tagged", List.of("a", "b")));
		Object notes = client().call(owner, "remoteNoteActions", RemoteNoteActions.class.getMethod("notes"));
		Object count = client().call(owner, "remoteNoteActions", RemoteNoteActions.class.getMethod("count"));

		assertThat(notes).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly(new Note("plain", List.of()), new Note("[a,b] tagged", List.of()));
		assertThat(count).isEqualTo(2);
	}

	@Test
	void anActionOnAGlobalDatabaseRunsOnTheOwnerOfItsOneInstance() throws Exception {
		InstanceKey global = InstanceKey.global("counters");
		assertThat(b.getBean(LeaseKeeper.class).acquire(global)).isInstanceOf(Acquisition.Granted.class);
		Lease owner = ((Acquisition.Refused) a.getBean(LeaseKeeper.class).acquire(global)).holder();
		Method increment = CounterActions.class.getMethod("increment", String.class);

		client().call(owner, "counterActions", increment, "visits");
		client().call(owner, "counterActions", increment, "visits");

		assertThat(client().call(owner, "counterActions", CounterActions.class.getMethod("value", String.class),
				"visits")).isEqualTo(2);
		assertThat(root.resolve("a/counters/global.db")).doesNotExist();
	}

	@Test
	void anUnknownTenantIsRethrownAsInstanceNotFoundAndNothingIsCreated() throws Exception {
		String ghost = "ghost-" + tenants.incrementAndGet();
		InstanceKey key = new InstanceKey("notes", ghost);
		b.getBean(LeaseKeeper.class).acquire(key);

		InstanceNotFoundException notFound = catchThrowableOfType(InstanceNotFoundException.class,
				() -> client().call(ownerOf(ghost), "remoteNoteActions", add(), "Buy milk"));

		assertThat(notFound.getKey()).isEqualTo(key);
		assertThat(notFound.getMessage()).isEqualTo("Tenant '" + ghost + "' does not exist");
		assertThat(notFound.getCause()).isInstanceOf(RemoteCause.class).hasMessage(notFound.getMessage());
		assertThat(b.getBean(TenantDirectory.class).exists(ghost)).isFalse();
		assertThat(root.resolve("b/notes/" + ghost + ".db")).doesNotExist();
	}

	@Test
	void invalidArgumentsAreRethrownWithTheirFieldsAndTheActionDoesNotRun() throws Exception {
		String tenant = tenantOfB();
		int before = b.getBean(Invocations.class).count();

		InvalidActionArgumentsException blank = catchThrowableOfType(InvalidActionArgumentsException.class,
				() -> client().call(ownerOf(tenant), "remoteNoteActions", add(), " "));
		InvalidActionArgumentsException nested = catchThrowableOfType(InvalidActionArgumentsException.class,
				() -> client().call(ownerOf(tenant), "remoteNoteActions",
						RemoteNoteActions.class.getMethod("add", Note.class), new Note("", List.of())));

		assertThat(blank.getAction()).isEqualTo("RemoteNoteActions.add");
		assertThat(blank.getInvalidArguments()).containsExactly(new InvalidArgument("body", "must not be blank"));
		assertThat(blank.getConstraintViolations()).singleElement()
			.satisfies((violation) -> assertThat(violation.getPropertyPath()).hasToString("body"));
		assertThat(nested.getInvalidArguments()).containsExactly(new InvalidArgument("note.body", "must not be blank"));
		assertThat(b.getBean(Invocations.class).count()).isEqualTo(before);
		assertThat(count(tenant)).isZero();
	}

	@Test
	void aBusyOwnerIsRethrownAsBusyWithItsRetryAfter() throws Exception {
		String tenant = tenantOfB();
		Gate gate = b.getBean(Gate.class);
		RemoteNoteActions onB = b.getBean(RemoteNoteActions.class);
		Thread holder = new Thread(() -> Tenants.run(tenant, onB::hold));
		holder.start();
		try {
			gate.awaitHolding();

			InstanceBusyException busy = catchThrowableOfType(InstanceBusyException.class,
					() -> client().call(ownerOf(tenant), "remoteNoteActions", add(), "Buy milk"));

			assertThat(busy.getKey()).isEqualTo(new InstanceKey("notes", tenant));
			assertThat(busy.getWaited()).isEqualTo(Duration.ofMillis(300));
			assertThat(busy.getRetryAfter()).isEqualTo(Duration.ofSeconds(1));
		}
		finally {
			gate.open();
			holder.join();
		}
		assertThat(count(tenant)).isZero();
	}

	@Test
	void applicationExceptionsKeepTheirStatusAndTheirWritesRollBack() throws Exception {
		String tenant = tenantOfB();
		Lease owner = ownerOf(tenant);

		RemoteActionException conflict = catchThrowableOfType(RemoteActionException.class, () -> client().call(owner,
				"remoteNoteActions", RemoteNoteActions.class.getMethod("conflict", String.class), "Buy milk"));
		RemoteActionException unprocessable = catchThrowableOfType(RemoteActionException.class, () -> client().call(
				owner, "remoteNoteActions", RemoteNoteActions.class.getMethod("unprocessable", String.class), "nope"));
		RemoteActionException broken = catchThrowableOfType(RemoteActionException.class,
				() -> client().call(owner, "remoteNoteActions", RemoteNoteActions.class.getMethod("broken")));

		assertThat(conflict.getStatus()).isEqualTo(409);
		assertThat(conflict.getDetail()).isEqualTo("That note exists already");
		assertThat(conflict.getExceptionType()).isEqualTo(RemoteNoteActions.NoteConflictException.class.getName());
		assertThat(conflict.getRemoteMessage()).isEqualTo("Note 'Buy milk' exists");
		assertThat(unprocessable.getStatus()).isEqualTo(422);
		assertThat(unprocessable.getTitle()).isEqualTo("Note unprocessable");
		assertThat(unprocessable.getDetail()).isEqualTo("A note cannot say 'nope'");
		assertThat(unprocessable.getProperties()).isEqualTo(Map.of("body", "nope"));
		assertThat(broken.getStatus()).isEqualTo(500);
		assertThat(broken.getDetail()).isNull();
		assertThat(broken.getExceptionType()).isEqualTo(IllegalStateException.class.getName());
		assertThat(count(tenant)).isZero();
	}

	@Test
	void aClientOfTheCallingNodeGetsTheProblemTheOwnerWouldHaveAnswered() throws Exception {
		String tenant = tenantOfB();
		String ghost = "ghost-" + tenants.incrementAndGet();
		b.getBean(LeaseKeeper.class).acquire(new InstanceKey("notes", ghost));

		HttpResponse<String> created = postToA(tenant, "add", "Buy milk");
		HttpResponse<String> notFound = postToA(ghost, "add", "Buy milk");
		HttpResponse<String> invalid = postToA(tenant, "add", "");
		HttpResponse<String> conflict = postToA(tenant, "conflict", "Buy milk");
		HttpResponse<String> unprocessable = postToA(tenant, "unprocessable", "nope");
		HttpResponse<String> broken = postToA(tenant, "broken", "");

		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.body()).isEqualTo("1");
		assertProblem(notFound, 404, "https://durabledb.dev/problems/tenant-not-found");
		assertProblem(invalid, 400, "https://durabledb.dev/problems/invalid-arguments");
		assertThat(this.json.readTree(invalid.body()).get("errors"))
			.isEqualTo(this.json.readTree("[{\"field\":\"body\",\"message\":\"must not be blank\"}]"));
		assertProblem(conflict, 409, null);
		assertThat(this.json.readTree(conflict.body()).get("detail").asString()).isEqualTo("That note exists already");
		assertProblem(unprocessable, 422, null);
		JsonNode problem = this.json.readTree(unprocessable.body());
		assertThat(problem.get("title").asString()).isEqualTo("Note unprocessable");
		assertThat(problem.get("body").asString()).isEqualTo("nope");
		assertProblem(broken, 500, null);
		assertThat(broken.body()).doesNotContain("/var", "SELECT", "IllegalState");
	}

	@Test
	void aBusyOwnerIsA503WithRetryAfterForAClientOfTheCallingNode() throws Exception {
		String tenant = tenantOfB();
		Gate gate = new Gate();
		// The gate of node B is single-use; the busy test above may have used it.
		Thread holder = new Thread(() -> Tenants.run(tenant,
				() -> b.getBean(dev.durabledb.action.ActionRunner.class).write("notes", () -> {
					gate.hold();
					return null;
				})));
		holder.start();
		try {
			gate.awaitHolding();
			HttpResponse<String> busy = postToA(tenant, "add", "Buy milk");

			assertProblem(busy, 503, "https://durabledb.dev/problems/instance-busy");
			assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
		}
		finally {
			gate.open();
			holder.join();
		}
	}

	@Test
	void aNodeThatDoesNotHoldTheLeaseRefusesAndNothingRuns() throws Exception {
		String tenant = "orphan-" + tenants.incrementAndGet();
		b.getBean(TenantDirectory.class).create(tenant);
		InstanceKey key = new InstanceKey("notes", tenant);
		Lease claimed = new Lease(key, "node-b", ClusterNodes.url(b), 1, Instant.now(), Instant.now().plusSeconds(10),
				true);
		int before = b.getBean(Invocations.class).count();

		NotOwnerException notOwner = catchThrowableOfType(NotOwnerException.class,
				() -> client().call(claimed, "remoteNoteActions", add(), "Buy milk"));

		assertThat(notOwner.getKey()).isEqualTo(key);
		assertThat(notOwner.getNode()).isEqualTo("node-b");
		assertThat(b.getBean(Invocations.class).count()).isEqualTo(before);
		assertThat(count(tenant)).isZero();
	}

	@Test
	void aCallForAnEarlierTenureOfTheLeaseIsRefusedAndNothingRuns() throws Exception {
		String tenant = tenantOfB();
		Lease earlier = ownerOf(tenant);
		LeaseKeeper keeperOfB = b.getBean(LeaseKeeper.class);
		keeperOfB.release(earlier.key());
		keeperOfB.acquire(earlier.key());
		Lease current = ownerOf(tenant);
		assertThat(current.epoch()).isEqualTo(earlier.epoch() + 1);
		int before = b.getBean(Invocations.class).count();

		assertThat(catchThrowableOfType(NotOwnerException.class,
				() -> client().call(earlier, "remoteNoteActions", add(), "Buy milk")))
			.hasMessageContaining("under the epoch the caller found");
		assertThat(b.getBean(Invocations.class).count()).isEqualTo(before);
		assertThat(count(tenant)).isZero();
		assertThat(client().call(current, "remoteNoteActions", add(), "Buy milk")).isEqualTo(1L);
	}

	@Test
	void aNodeThatCannotBeReachedIsARemoteCallExceptionThatDidNotRun() throws Exception {
		String tenant = tenantOfB();
		Lease gone = new Lease(new InstanceKey("notes", tenant), "node-gone", "http://127.0.0.1:" + closedPort(), 1,
				Instant.now(), Instant.now().plusSeconds(10), true);

		RemoteCallException failure = catchThrowableOfType(RemoteCallException.class,
				() -> client().call(gone, "remoteNoteActions", add(), "Buy milk"));

		assertThat(failure.mayHaveRun()).isFalse();
		assertThat(failure.getMessage()).contains("Could not connect to node node-gone");
	}

	@Test
	void aClientWithAnotherSecretIsRefusedAndTheActionDoesNotRun() throws Exception {
		String tenant = tenantOfB();
		RemoteActionClient wrongSecret = new RemoteActionClient(this.http, this.json,
				new CallSignatures("another-secret-of-at-least-32-characters!", Clock.systemUTC(),
						new SeenNonces(Wire.WINDOW)),
				a.getBean(ActionTargets.class), a.getBean(dev.durabledb.database.DatabaseCatalog.class), "node-a",
				Duration.ofSeconds(10));
		int before = b.getBean(Invocations.class).count();

		RemoteCallException refused = catchThrowableOfType(RemoteCallException.class,
				() -> wrongSecret.call(ownerOf(tenant), "remoteNoteActions", add(), "Buy milk"));

		assertThat(refused.mayHaveRun()).isFalse();
		assertThat(refused.getMessage()).contains("refused", "(401)", "signature is wrong");
		assertThat(b.getBean(Invocations.class).count()).isEqualTo(before);
		assertThat(count(tenant)).isZero();
	}

	@Test
	void aMethodThatIsNotAnActionOfTheBeanIsRefusedBeforeAnythingIsSent() throws Exception {
		String tenant = tenantOfB();

		assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> client().call(ownerOf(tenant),
				"remoteNoteActions", Object.class.getMethod("toString"))))
			.hasMessageContaining("has no action toString()");
		assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> client().call(ownerOf(tenant),
				"counterActions", add(), "Buy milk")))
			.hasMessageContaining("has no action add(java.lang.String)");
		assertThat(catchThrowableOfType(IllegalArgumentException.class,
				() -> Tenants.call("someone-else", () -> client().call(ownerOf(tenant), "remoteNoteActions", add(),
						"Buy milk"))))
			.hasMessageContaining("would run for tenant 'someone-else'");
	}

	private static RemoteActionClient client() {
		return a.getBean(RemoteActionClient.class);
	}

	private static Method add() throws NoSuchMethodException {
		return RemoteNoteActions.class.getMethod("add", String.class);
	}

	/** A new tenant that exists on node B, whose lease B holds. */
	private static String tenantOfB() {
		String tenant = "t" + tenants.incrementAndGet();
		b.getBean(TenantDirectory.class).create(tenant);
		assertThat(b.getBean(LeaseKeeper.class).acquire(new InstanceKey("notes", tenant)))
			.isInstanceOf(Acquisition.Granted.class);
		return tenant;
	}

	/** The lease on {@code tenant} as node A finds it: node B's. */
	private static Lease ownerOf(String tenant) {
		Acquisition acquisition = a.getBean(LeaseKeeper.class).acquire(new InstanceKey("notes", tenant));
		assertThat(acquisition).isInstanceOf(Acquisition.Refused.class);
		return ((Acquisition.Refused) acquisition).holder();
	}

	private static int count(String tenant) {
		return Tenants.call(tenant, () -> b.getBean(RemoteNoteActions.class).count());
	}

	private HttpResponse<String> postToA(String tenant, String action, String body)
			throws IOException, InterruptedException {
		URI uri = URI.create(ClusterNodes.url(a) + "/remote/" + action + "?body="
				+ java.net.URLEncoder.encode(body, StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(uri)
			.header("X-Tenant-Id", tenant)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		if (type != null) {
			assertThat(problem.get("type").asString()).isEqualTo(type);
		}
	}

	private static List<String> bodiesInFile(Path file) throws Exception {
		List<String> bodies = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT body FROM notes ORDER BY id")) {
			while (rows.next()) {
				bodies.add(rows.getString(1));
			}
		}
		return bodies;
	}

	private static int closedPort() throws IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
