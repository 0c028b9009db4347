package dev.durabledb.cluster.remote;

import java.lang.reflect.Method;

import dev.durabledb.cluster.Acquisition;
import dev.durabledb.cluster.Lease;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.tenant.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a router will do, by hand: an HTTP API on one node that sends a notes action of the
 * request's tenant to the node that holds its lease, so that tests see the answer a client
 * of the calling node gets.
 */
@RestController
class RemoteCallsController {

	private final ObjectProvider<LeaseKeeper> leases;

	private final ObjectProvider<RemoteActionClient> client;

	RemoteCallsController(ObjectProvider<LeaseKeeper> leases, ObjectProvider<RemoteActionClient> client) {
		this.leases = leases;
		this.client = client;
	}

	@PostMapping("/remote/{action}")
	@Nullable Object call(@PathVariable String action, @RequestParam(defaultValue = "") String body)
			throws NoSuchMethodException {
		InstanceKey key = new InstanceKey("notes", Tenants.current().orElseThrow());
		Method method = (action.equals("hold") || action.equals("broken"))
				? RemoteNoteActions.class.getMethod(action) : RemoteNoteActions.class.getMethod(action, String.class);
		Object[] arguments = (method.getParameterCount() == 0) ? new Object[0] : new Object[] { body };
		return this.client.getObject().call(owner(key), "remoteNoteActions", method, arguments);
	}

	private Lease owner(InstanceKey key) {
		LeaseKeeper keeper = this.leases.getObject();
		Acquisition acquisition = keeper.acquire(key);
		if (acquisition instanceof Acquisition.Refused refused) {
			return refused.holder();
		}
		keeper.release(key);
		throw new IllegalStateException("No other node holds '" + key + "'");
	}

}
