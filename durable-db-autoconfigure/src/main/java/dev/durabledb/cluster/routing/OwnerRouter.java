package dev.durabledb.cluster.routing;

import java.util.Objects;

import dev.durabledb.action.ActionRouter;
import dev.durabledb.cluster.Acquisition;
import dev.durabledb.cluster.Lease;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.cluster.LeaseLostException;
import dev.durabledb.cluster.OwnedElsewhereException;
import dev.durabledb.cluster.remote.NotOwnerException;
import dev.durabledb.cluster.remote.RemoteActionClient;
import dev.durabledb.cluster.remote.RemoteCallException;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceNotFoundException;
import org.jspecify.annotations.Nullable;

/**
 * Runs each action where its instance lives, as Durable Objects do: here when this node
 * holds the instance's lease or can acquire it (taking the instance over from the replica
 * store under each new epoch before it serves), on the holder otherwise. Reads go to the
 * owner too, so that a client reads its own writes whichever node it reaches. The holder
 * found for an instance is remembered for a renewal interval ({@link KnownOwners}).
 * <p>
 * A write that ran here is acknowledged only if this node's lease is still valid when it
 * ends (validity ends a safety margin before the lease table lets the lease expire, on
 * the monotonic clock): else {@link LeaseLostException}.
 */
final class OwnerRouter implements ActionRouter {

	private final LeaseKeeper leases;

	private final RemoteActionClient remote;

	private final Takeovers takeovers;

	private final InstanceFiles files;

	private final RoutingListener listener;

	private final KnownOwners owners;

	OwnerRouter(LeaseKeeper leases, RemoteActionClient remote, Takeovers takeovers, InstanceFiles files,
			RoutingListener listener, KnownOwners owners) {
		this.leases = leases;
		this.remote = remote;
		this.takeovers = takeovers;
		this.files = files;
		this.listener = listener;
		this.owners = owners;
	}

	@Override
	public @Nullable Object route(Call call, Here here) throws Throwable {
		InstanceKey key = call.key();
		NotOwnerException moved = null;
		// Once more if the holder answered that it no longer holds it: the lease moved meanwhile.
		for (int attempt = 0; attempt < 2; attempt++) {
			Lease holder = (attempt == 0 && call.isRemotable()) ? this.owners.get(key) : null;
			if (holder == null) {
				Acquisition acquisition = this.leases.acquire(key);
				if (acquisition instanceof Acquisition.Granted granted) {
					return runHere(call, granted.epoch(), here);
				}
				holder = ((Acquisition.Refused) acquisition).holder();
				if (!call.isRemotable()) {
					throw new OwnedElsewhereException(key, holder.owner());
				}
				this.owners.remember(holder);
			}
			try {
				return sendTo(holder, call);
			}
			catch (NotOwnerException ex) {
				this.owners.forget(key);
				moved = ex;
			}
			catch (RemoteCallException ex) {
				this.owners.forget(key);
				throw ex;
			}
		}
		throw Objects.requireNonNull(moved);
	}

	private @Nullable Object runHere(Call call, long epoch, Here here) throws Throwable {
		InstanceKey key = call.key();
		this.takeovers.ensure(key, epoch);
		Object result;
		try {
			result = here.run();
		}
		catch (InstanceNotFoundException ex) {
			if (!this.files.exists(key)) {
				// Nothing to serve: another node may create it.
				this.leases.release(key);
			}
			throw ex;
		}
		if (!call.readOnly() && !this.leases.isValid(key)) {
			throw new LeaseLostException(key);
		}
		return result;
	}

	private @Nullable Object sendTo(Lease holder, Call call) {
		long start = System.nanoTime();
		String outcome = "error";
		try {
			Object result = this.remote.call(holder, Objects.requireNonNull(call.beanName()),
					Objects.requireNonNull(call.method()), call.arguments());
			outcome = "success";
			return result;
		}
		catch (NotOwnerException ex) {
			outcome = "moved";
			throw ex;
		}
		finally {
			this.listener.remoteCall(call.key(), outcome, System.nanoTime() - start);
		}
	}

}
