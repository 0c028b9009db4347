package dev.durabledb.cluster.remote;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint of a node, {@code POST /durable-db/cluster/actions}, called over HTTP the
 * way another node calls it, and the way nothing else may: every refused call is checked
 * not to have run the action (its body counts its runs) nor written anything.
 */
class ActionEndpointTests {

	private static final String TABLE = Postgres.uniqueName("lease_endpoint_test");

	private static final AtomicInteger tenants = new AtomicInteger();

	@TempDir
	static Path root;

	private static ConfigurableApplicationContext node;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final CallSignatures signatures = signatures(ClusterNodes.SECRET, Clock.systemUTC());

	@BeforeAll
	static void startNode() {
		Postgres.assumeAvailable();
		node = ClusterNodes.start("node-b", root.resolve("b"), TABLE);
	}

	@AfterAll
	static void stopNode() {
		if (node != null) {
			node.close();
		}
		Postgres.drop(TABLE);
	}

	@Test
	void aSignedCallRunsOnceAndTheSameCallSentAgainIsRefusedAsAReplay() throws Exception {
		String tenant = tenantOfNode();
		byte[] body = addCall(tenant, "Buy milk");
		CallSignatures.Signed signed = this.signatures.sign("node-a", body);
		int before = invocations();

		HttpResponse<String> first = send(node, body, signed);
		HttpResponse<String> replayed = send(node, body, signed);

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("Durable-Db-Outcome")).hasValue("result");
		assertThat(first.body()).isEqualTo("1");
		assertRefused(replayed, 401, "nonce was used before");
		assertThat(invocations()).isEqualTo(before + 1);
		assertThat(count(tenant)).isEqualTo(1);
	}

	@Test
	void aCallWithoutSignatureHeadersIsRefusedAndDoesNotRun() throws Exception {
		String tenant = tenantOfNode();
		int before = invocations();

		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(endpoint(node))
			.POST(HttpRequest.BodyPublishers.ofByteArray(addCall(tenant, "Buy milk")))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertRefused(response, 401, "The call is not signed");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Durable-Db-HMAC");
		assertThat(invocations()).isEqualTo(before);
		assertThat(count(tenant)).isZero();
	}

	@Test
	void aCallSignedWithAnotherSecretIsRefusedAndDoesNotRun() throws Exception {
		String tenant = tenantOfNode();
		byte[] body = addCall(tenant, "Buy milk");
		int before = invocations();

		HttpResponse<String> response = send(node, body,
				signatures("another-secret-of-at-least-32-characters!", Clock.systemUTC()).sign("node-a", body));

		assertRefused(response, 401, "signature is wrong");
		assertThat(invocations()).isEqualTo(before);
		assertThat(count(tenant)).isZero();
	}

	@Test
	void aCallWhoseBodyWasChangedAfterSigningIsRefusedAndDoesNotRun() throws Exception {
		String tenant = tenantOfNode();
		CallSignatures.Signed signed = this.signatures.sign("node-a", addCall(tenant, "Buy milk"));
		int before = invocations();

		HttpResponse<String> response = send(node, addCall(tenant, "Sell the house"), signed);

		assertRefused(response, 401, "signature is wrong");
		assertThat(invocations()).isEqualTo(before);
		assertThat(count(tenant)).isZero();
	}

	@Test
	void aCallSignedByAnotherNodeIdThanItsHeaderSaysIsRefused() throws Exception {
		String tenant = tenantOfNode();
		byte[] body = addCall(tenant, "Buy milk");
		CallSignatures.Signed signed = this.signatures.sign("node-a", body);
		int before = invocations();

		HttpResponse<String> response = send(node, body,
				new CallSignatures.Signed("node-c", signed.timestamp(), signed.nonce(), signed.signature()));

		assertRefused(response, 401, "signature is wrong");
		assertThat(invocations()).isEqualTo(before);
	}

	@ParameterizedTest
	@CsvSource({ "-31", "31" })
	void aCallWhoseTimestampIsOutsideTheWindowIsRefusedAndDoesNotRun(long seconds) throws Exception {
		String tenant = tenantOfNode();
		byte[] body = addCall(tenant, "Buy milk");
		Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(seconds));
		int before = invocations();

		HttpResponse<String> response = send(node, body, signatures(ClusterNodes.SECRET, skewed).sign("node-a", body));

		assertRefused(response, 401, "timestamp is more than 30 s away");
		assertThat(invocations()).isEqualTo(before);
		assertThat(count(tenant)).isZero();
	}

	@ParameterizedTest
	@CsvSource({ "node a, 1700000000000, AAAAAAAAAAAAAAAAAAAAAA", "node-a, soon, AAAAAAAAAAAAAAAAAAAAAA",
			"node-a, 1700000000000, short" })
	void aCallWithMalformedSignatureHeadersIsRefused(String nodeId, String timestamp, String nonce) throws Exception {
		byte[] body = addCall(tenantOfNode(), "Buy milk");
		int before = invocations();

		HttpResponse<String> response = send(node, body,
				new CallSignatures.Signed(nodeId, timestamp, nonce, "c2lnbmF0dXJl"));

		assertRefused(response, 401, "malformed");
		assertThat(invocations()).isEqualTo(before);
	}

	@Test
	void aCallForAnotherTenureOfTheLeaseIsRefusedAsNotOwnedAndDoesNotRun() throws Exception {
		String tenant = tenantOfNode();
		byte[] body = addCall(tenant, 2, "Buy milk");
		int before = invocations();

		HttpResponse<String> response = send(node, body, this.signatures.sign("node-a", body));

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue(Wire.OUTCOME)).hasValue("error");
		assertThat(JsonMapper.shared().readTree(response.body()).get("exception").asString())
			.isEqualTo(NotOwnerException.class.getName());
		assertThat(invocations()).isEqualTo(before);
		assertThat(count(tenant)).isZero();
	}

	@Test
	void onlyPostIsAccepted() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(endpoint(node)).GET().build(),
				HttpResponse.BodyHandlers.ofString());

		assertRefused(response, 405, "Action calls are POST requests");
		assertThat(response.headers().firstValue("Allow")).hasValue("POST");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"[] | must have a JSON object",
			"{\"database\":\"notes\",\"instance\":\"%1$s\",\"tenant\":\"%1$s\",\"bean\":\"remoteNoteActions\",\"method\":\"add\",\"parameterTypes\":[\"java.lang.String\"],\"arguments\":[\"x\"]} | must have 'epoch' before 'arguments'",
			"{\"database\":\"notes\",\"instance\":\"%1$s\",\"epoch\":1,\"tenant\":\"%1$s\",\"bean\":\"noSuchBean\",\"method\":\"add\",\"parameterTypes\":[\"java.lang.String\"],\"arguments\":[\"x\"]} | has no bean 'noSuchBean'",
			"{\"database\":\"notes\",\"instance\":\"%1$s\",\"epoch\":1,\"tenant\":\"%1$s\",\"bean\":\"remoteNoteActions\",\"method\":\"toString\",\"parameterTypes\":[],\"arguments\":[]} | has no action toString()",
			"{\"database\":\"notes\",\"instance\":\"%1$s\",\"epoch\":1,\"tenant\":\"%1$s\",\"bean\":\"writerGate\",\"method\":\"open\",\"parameterTypes\":[],\"arguments\":[]} | has no action open()",
			"{\"database\":\"notes\",\"instance\":\"%1$s\",\"epoch\":1,\"tenant\":\"%1$s\",\"bean\":\"remoteNoteActions\",\"method\":\"add\",\"parameterTypes\":[\"java.lang.Integer\"],\"arguments\":[1]} | has no action add(java.lang.Integer)",
			"{\"database\":\"notes\",\"instance\":\"%1$s\",\"epoch\":1,\"tenant\":\"%1$s\",\"bean\":\"remoteNoteActions\",\"method\":\"add\",\"parameterTypes\":[\"java.lang.String\"],\"arguments\":[]} | must have 1 arguments for RemoteNoteActions.add",
			"{\"database\":\"notes\",\"instance\":\"%1$s\",\"epoch\":1,\"tenant\":\"%1$s\",\"bean\":\"remoteNoteActions\",\"method\":\"add\",\"parameterTypes\":[\"java.lang.String\"],\"arguments\":[\"x\",\"y\"]} | must have 1 arguments for RemoteNoteActions.add",
			"{\"database\":\"notes\",\"instance\":\"%1$s\",\"epoch\":1,\"tenant\":\"%1$s\",\"bean\":\"remoteNoteActions\",\"method\":\"add\",\"parameterTypes\":[\"dev.durabledb.cluster.remote.RemoteNoteActions$Note\"],\"arguments\":[[1,2]]} | Argument 0 of RemoteNoteActions.add does not read as dev.durabledb.cluster.remote.RemoteNoteActions$Note",
			"{\"arguments\":[\"x\"],\"database\":\"notes\",\"instance\":\"%1$s\",\"epoch\":1,\"tenant\":\"%1$s\",\"bean\":\"remoteNoteActions\",\"method\":\"add\",\"parameterTypes\":[\"java.lang.String\"]} | must have 'bean' before 'arguments'",
			"{\"database\":\"notes\",\"instance\":\"%1$s\",\"epoch\":1,\"tenant\":\"someone-else\",\"bean\":\"remoteNoteActions\",\"method\":\"add\",\"parameterTypes\":[\"java.lang.String\"],\"arguments\":[\"x\"]} | with tenant 'someone-else' does not run on instance",
			"{\"database\":\"counters\",\"instance\":\"global\",\"epoch\":1,\"tenant\":\"%1$s\",\"bean\":\"remoteNoteActions\",\"method\":\"add\",\"parameterTypes\":[\"java.lang.String\"],\"arguments\":[\"x\"]} | runs in database 'notes', not 'counters'",
			"{\"database\":\"notes\",\"instance\":\"%1$s\",\"epoch\":1,\"tenant\":\"%1$s\",\"bean\":\"remoteNoteActions\",\"method\":\"add\",\"parameterTypes\":[\"java.lang.String\"],\"arguments\":[\"x\"]} {} | nothing after it",
			"{\"database\":\"notes\",\"instance\":\"%1$s\",\"epoch\":1,\"tenant\":\"%1$s\",\"bean\":\"remoteNoteActions\",\"method\":\"add\",\"parameterTypes\":[\"java.lang.String\"],\"arguments\":[\"x\"]} trailing | is not valid JSON" })
	void aSignedCallThatNamesNoActionOfTheApplicationIsRefusedAndNothingRuns(String template, String detail)
			throws Exception {
		String tenant = tenantOfNode();
		byte[] body = template.formatted(tenant).getBytes(StandardCharsets.UTF_8);
		int before = invocations();

		HttpResponse<String> response = send(node, body, this.signatures.sign("node-a", body));

		assertRefused(response, 400, detail);
		assertThat(invocations()).isEqualTo(before);
		assertThat(count(tenant)).isZero();
	}

	@Test
	void aBodyLargerThanSixteenMebibytesIsRefusedUnread() throws Exception {
		@SuppressWarnings("unchecked")
		FilterRegistrationBean<ActionCallFilter> registration = node.getBean("durableDbActionCallFilter",
				FilterRegistrationBean.class);
		byte[] body = new byte[Wire.MAX_BODY + 1];
		CallSignatures.Signed signed = this.signatures.sign("node-a", body);
		MockHttpServletRequest request = new MockHttpServletRequest("POST", Wire.PATH);
		request.setContent(body);
		request.addHeader(Wire.NODE, signed.node());
		request.addHeader(Wire.TIMESTAMP, signed.timestamp());
		request.addHeader(Wire.NONCE, signed.nonce());
		request.addHeader(Wire.SIGNATURE, signed.signature());
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		registration.getFilter().doFilter(request, response, chain);

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getHeader(Wire.OUTCOME)).isEqualTo("refused");
		assertThat(chain.getRequest()).as("passed on down the chain").isNull();
	}

	@Test
	void theEndpointIsMappedToItsPathAloneAheadOfSpringSecurity() {
		@SuppressWarnings("unchecked")
		FilterRegistrationBean<ActionCallFilter> registration = node.getBean("durableDbActionCallFilter",
				FilterRegistrationBean.class);

		assertThat(registration.getUrlPatterns()).containsExactly("/durable-db/cluster/actions");
		assertThat(registration.getOrder()).isLessThan(-100);
	}

	@Test
	void withTheClusterOffTheEndpointDoesNotExistAndASignedCallRunsNothing() throws Exception {
		try (ConfigurableApplicationContext off = ClusterNodes.startWithoutCluster(root.resolve("off"))) {
			String tenant = "t" + tenants.incrementAndGet();
			off.getBean(TenantDirectory.class).create(tenant);
			byte[] body = addCall(tenant, "Buy milk");

			HttpResponse<String> response = send(off, body, this.signatures.sign("node-a", body));

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue(Wire.OUTCOME)).isEmpty();
			assertThat(off.getBeansOfType(FilterRegistrationBean.class).values())
				.noneMatch((registration) -> registration.getFilter() instanceof ActionCallFilter);
			assertThat(off.getBeansOfType(RemoteActionClient.class)).isEmpty();
			assertThat(off.getBean(Invocations.class).count()).isZero();
			assertThat(Tenants.call(tenant, () -> off.getBean(RemoteNoteActions.class).count())).isZero();
		}
	}

	private static CallSignatures signatures(String secret, Clock clock) {
		return new CallSignatures(secret, clock, new SeenNonces(Wire.WINDOW));
	}

	private static byte[] addCall(String tenant, String body) {
		long epoch = node.getBean(LeaseKeeper.class).epoch(new InstanceKey("notes", tenant)).orElse(0);
		return addCall(tenant, epoch, body);
	}

	private static byte[] addCall(String tenant, long epoch, String body) {
		return ("{\"database\":\"notes\",\"instance\":\"" + tenant + "\",\"epoch\":" + epoch + ",\"tenant\":\"" + tenant
				+ "\",\"bean\":\"remoteNoteActions\",\"method\":\"add\",\"parameterTypes\":[\"java.lang.String\"],"
				+ "\"arguments\":[\"" + body + "\"]}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private HttpResponse<String> send(ConfigurableApplicationContext to, byte[] body, CallSignatures.Signed signed)
			throws Exception {
		return this.http.send(HttpRequest.newBuilder(endpoint(to))
			.header("Content-Type", "application/json")
			.header(Wire.NODE, signed.node())
			.header(Wire.TIMESTAMP, signed.timestamp())
			.header(Wire.NONCE, signed.nonce())
			.header(Wire.SIGNATURE, signed.signature())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI endpoint(ConfigurableApplicationContext to) {
		return URI.create(ClusterNodes.url(to) + Wire.PATH);
	}

	private static void assertRefused(HttpResponse<String> response, int status, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue(Wire.OUTCOME)).hasValue("refused");
		assertThat(JsonMapper.shared().readTree(response.body()).get("detail").asString()).contains(detail);
	}

	/** A new tenant that exists on the node, whose lease the node holds. */
	private static String tenantOfNode() {
		String tenant = "t" + tenants.incrementAndGet();
		node.getBean(TenantDirectory.class).create(tenant);
		node.getBean(LeaseKeeper.class).acquire(new InstanceKey("notes", tenant));
		return tenant;
	}

	private static int invocations() {
		return node.getBean(Invocations.class).count();
	}

	private static int count(String tenant) {
		return Tenants.call(tenant, () -> node.getBean(RemoteNoteActions.class).count());
	}

}
