package dev.durabledb.cluster.remote;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

import dev.durabledb.cluster.Lease;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.Tenants;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an action on the node that holds its instance's lease, Durable Objects style: the
 * action's bean name, method and arguments go to that node as JSON (through the
 * application's mapper), signed with the cluster secret; the action runs there, through
 * its bean's proxy, with the tenant bound; its result comes back, or its failure, which is
 * rethrown here as the same kind of exception (durable-db's own as their class, any other
 * as a {@link RemoteActionException} with its HTTP status).
 * <p>
 * Routing calls it for every action whose instance another node holds; code may call it
 * too. Only the tenant travels with the call, not the calling thread's security context
 * or transaction.
 */
public final class RemoteActionClient {

	private final HttpClient http;

	private final JsonMapper mapper;

	private final CallSignatures signatures;

	private final ActionTargets targets;

	private final DatabaseCatalog catalog;

	private final String nodeId;

	private final Duration callTimeout;

	RemoteActionClient(HttpClient http, JsonMapper mapper, CallSignatures signatures, ActionTargets targets,
			DatabaseCatalog catalog, String nodeId, Duration callTimeout) {
		this.http = http;
		this.mapper = mapper;
		this.signatures = signatures;
		this.targets = targets;
		this.catalog = catalog;
		this.nodeId = nodeId;
		this.callTimeout = callTimeout;
	}

	/**
	 * Runs the action {@code method} of bean {@code beanName} on the node that holds
	 * {@code owner}, and returns its result or throws what it threw. For a per-tenant
	 * database the tenant is the lease's instance (a tenant bound on this thread must be
	 * the same); for a global one, the tenant bound on this thread, if any, is bound there.
	 * @param owner the live lease of another node on the action's instance
	 * @param beanName the name of the action's bean, the same on every node
	 * @param method the action method
	 * @param arguments its arguments
	 * @return what the action returned
	 * @throws IllegalArgumentException when the method is not an action of that bean, the
	 * lease is not another node's on its instance, or the arguments do not fit
	 * @throws RemoteCallException when the other node could not be reached, refused the
	 * call or did not answer in time
	 * @throws RemoteActionException when the action threw an exception of the application
	 */
	public @Nullable Object call(Lease owner, String beanName, Method method, @Nullable Object... arguments) {
		ActionTarget target = target(beanName, method);
		URI url = ownerUrl(owner);
		InstanceKey key = owner.key();
		String action = target.definition().name();
		if (!target.definition().database().equals(key.database())) {
			throw new IllegalArgumentException("Action " + action + " runs in database '"
					+ target.definition().database() + "', and the lease is on '" + key + "'");
		}
		Object[] values = (arguments != null) ? arguments : new Object[0];
		if (values.length != target.signature().parameters().size()) {
			throw new IllegalArgumentException("Action " + action + " takes " + target.signature().parameters().size()
					+ " arguments, not " + values.length);
		}
		byte[] body = new ActionCall(key, owner.epoch(), tenant(key, action), target, values).write(this.mapper);
		CallSignatures.Signed signed = this.signatures.sign(this.nodeId, body);
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(this.callTimeout)
			.header("Content-Type", "application/json")
			.header(Wire.NODE, signed.node())
			.header(Wire.TIMESTAMP, signed.timestamp())
			.header(Wire.NONCE, signed.nonce())
			.header(Wire.SIGNATURE, signed.signature())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		HttpResponse<byte[]> response = send(request, action, owner);
		return answer(response, target, key, owner);
	}

	private ActionTarget target(String beanName, Method method) {
		try {
			return this.targets.find(beanName, method);
		}
		catch (BadCallException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	private URI ownerUrl(Lease owner) {
		if (!owner.live() || owner.owner() == null || owner.ownerUrl() == null) {
			throw new IllegalArgumentException("The lease on '" + owner.key() + "' is not held by any node");
		}
		if (owner.owner().equals(this.nodeId)) {
			throw new IllegalArgumentException("The lease on '" + owner.key() + "' is this node's own: run the action "
					+ "here");
		}
		String base = owner.ownerUrl();
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + Wire.PATH);
	}

	private @Nullable String tenant(InstanceKey key, String action) {
		Optional<String> bound = Tenants.current();
		if (this.catalog.get(key.database()).isPerTenant()) {
			if (bound.isPresent() && !bound.get().equals(key.instance())) {
				throw new IllegalArgumentException("Action " + action + " would run for tenant '" + bound.get()
						+ "', and the lease is on '" + key + "'");
			}
			return key.instance();
		}
		if (!InstanceKey.GLOBAL.equals(key.instance())) {
			throw new IllegalArgumentException("Action " + action + " runs on the global instance of '"
					+ key.database() + "', and the lease is on '" + key + "'");
		}
		return bound.orElse(null);
	}

	private HttpResponse<byte[]> send(HttpRequest request, String action, Lease owner) {
		String where = "node " + owner.owner() + " at " + owner.ownerUrl();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (HttpConnectTimeoutException | ConnectException ex) {
			throw new RemoteCallException("Could not connect to " + where + " to run " + action, false, ex);
		}
		catch (HttpTimeoutException ex) {
			throw new RemoteCallException(where + " did not answer " + action + " within " + this.callTimeout
					+ "; it may have run there", true, ex);
		}
		catch (IOException ex) {
			throw new RemoteCallException("The call of " + action + " on " + where + " failed (" + ex
					+ "); it may have run there", true, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RemoteCallException("Interrupted while " + where + " ran " + action + "; it may have run there",
					true, ex);
		}
	}

	private @Nullable Object answer(HttpResponse<byte[]> response, ActionTarget target, InstanceKey key, Lease owner) {
		String action = target.definition().name();
		String node = String.valueOf(owner.owner());
		String outcome = response.headers().firstValue(Wire.OUTCOME).orElse("");
		RuntimeException failure = null;
		try {
			if (Wire.RESULT.equals(outcome) && response.statusCode() == 200) {
				return target.signature().returnsNothing() ? null
						: this.mapper.readerFor(target.signature().result()).readValue(response.body());
			}
			if (Wire.ERROR.equals(outcome)) {
				failure = RemoteFailure.fromJson(this.mapper.readTree(response.body()))
					.toException(key, action, node, this.mapper);
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new RemoteCallException("Node " + node + " answered " + action + " with a body that does not read ("
					+ ex.getMessage() + "); it may have run there", true, ex);
		}
		if (failure != null) {
			throw failure;
		}
		if (Wire.REFUSED.equals(outcome)) {
			throw new RemoteCallException("Node " + node + " refused " + action + " (" + response.statusCode() + "): "
					+ detail(response), false, null);
		}
		throw new RemoteCallException("The answer to " + action + " from " + owner.ownerUrl() + " is HTTP "
				+ response.statusCode() + " without a durable-db outcome: is durable-db.cluster.enabled=true there, "
				+ "and is that its advertised URL?", response.statusCode() >= 500, null);
	}

	private String detail(HttpResponse<byte[]> response) {
		try {
			return this.mapper.readTree(response.body()).path("detail").asString("no detail");
		}
		catch (JacksonException ex) {
			return "no detail";
		}
	}

}
