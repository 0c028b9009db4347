package dev.durabledb.cluster.routing;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.DurableDbProperties;
import dev.durabledb.cluster.DurableDbClusterAutoConfiguration;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.cluster.remote.DurableDbRemoteActionAutoConfiguration;
import dev.durabledb.cluster.remote.RemoteActionClient;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.replication.DurableDbReplicationAutoConfiguration;
import dev.durabledb.replication.Replicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * Auto-configuration of where actions run in cluster mode ({@code durable-db.cluster.enabled}):
 * the {@link OwnerRouter} that the action runner asks, the fence that lets replication
 * write an instance's history only under this node's lease, takeovers from the replica
 * store, tenant creation on the owner, and the release of idle instances' leases. Tenants
 * move between nodes through the replica store, so cluster mode needs replication
 * ({@code durable-db.replication.enabled=true}): without it startup fails saying so.
 */
@AutoConfiguration(after = { DurableDbClusterAutoConfiguration.class, DurableDbRemoteActionAutoConfiguration.class,
		DurableDbReplicationAutoConfiguration.class })
@ConditionalOnBooleanProperty("durable-db.cluster.enabled")
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbClusterRoutingAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(LeaseKeeper.class)
	static class FenceConfiguration {

		@Bean
		LeaseFence durableDbLeaseFence(LeaseKeeper leases) {
			return new LeaseFence(leases);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ LeaseKeeper.class, RemoteActionClient.class })
	static class RoutingConfiguration {

		@Bean
		Takeovers durableDbTakeovers(ObjectProvider<Replicator> replicator, ObjectProvider<RoutingListener> listeners) {
			Replicator replication = replicator.getIfUnique();
			if (replication == null) {
				throw new DurableDbConfigurationException(
						"durable-db.cluster.enabled=true needs replication: tenants move between nodes through the"
								+ " replica store",
						"Set durable-db.replication.enabled=true, with a backup store (durable-db.backup.*) that every"
								+ " node shares");
			}
			return new Takeovers(replication::takeOver, RoutingListener.all(listeners.orderedStream().toList()));
		}

		@Bean
		OwnerRouter durableDbOwnerRouter(LeaseKeeper leases, RemoteActionClient remote, Takeovers takeovers,
				InstanceFiles files, ObjectProvider<RoutingListener> listeners, DurableDbProperties properties) {
			return new OwnerRouter(leases, remote, takeovers, files,
					RoutingListener.all(listeners.orderedStream().toList()),
					new KnownOwners(properties.cluster().renewIntervalOrDefault()));
		}

		@Bean
		OwnedCreation durableDbOwnedCreation(LeaseKeeper leases, Takeovers takeovers, Bookmarks bookmarks) {
			return new OwnedCreation(leases, takeovers, bookmarks);
		}

		/**
		 * An observer of the instance registry, so the registry is destroyed (closing its
		 * instances, which ship their last commits under their leases) before the lease
		 * renewals end and every lease is released.
		 */
		@Bean
		@DependsOn("durableDbLeaseRenewals")
		IdleRelease durableDbIdleRelease(LeaseKeeper leases, Takeovers takeovers) {
			return new IdleRelease(leases, takeovers);
		}

	}

}
