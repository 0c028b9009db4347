package dev.durabledb.cluster;

import java.time.Clock;

import javax.sql.DataSource;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.DurableDbProperties;
import dev.durabledb.store.ConditionalWrites;
import dev.durabledb.store.DurableDbStoreAutoConfiguration;
import dev.durabledb.store.ObjectStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the cluster's leases, off unless
 * {@code durable-db.cluster.enabled=true}: a {@link LeaseKeeper} for this node, with its
 * lease table in the application's own {@link DataSource} (the one {@code spring.datasource.*}
 * configures, or the primary one; the starter never registers one), created as the
 * application starts and renewed on one thread, and a {@link LeaseInspector} that reads
 * the table for the actuator. Turned on without such a DataSource, startup fails saying
 * so. The replica store, if there is one, must refuse a second write under one key (tried
 * at startup): else startup fails too.
 */
@AutoConfiguration(after = DurableDbStoreAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnBooleanProperty("durable-db.cluster.enabled")
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbClusterAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSingleCandidate(DataSource.class)
	static class LeaseConfiguration {

		@Bean
		LeaseTable durableDbLeaseTable(DataSource dataSource, DurableDbProperties properties) {
			return new LeaseTable(dataSource, properties.cluster().table());
		}

		@Bean
		LeaseKeeper durableDbLeaseKeeper(LeaseTable table, DurableDbProperties properties,
				ObjectProvider<LeaseListener> listeners, ObjectProvider<Clock> clock) {
			DurableDbProperties.Cluster cluster = properties.cluster();
			ClusterNode node = ClusterNode.of(cluster.nodeId(), String.valueOf(cluster.advertisedUrl()));
			return new LeaseKeeper(table, node, cluster.leaseTtl(), cluster.safetyMarginOrDefault(), System::nanoTime,
					clock.getIfUnique(Clock::systemUTC), listeners.orderedStream().toList());
		}

		@Bean
		LeaseInspector durableDbLeaseInspector(LeaseTable table) {
			return new LeaseInspector(table);
		}

		@Bean
		LeaseRenewals durableDbLeaseRenewals(LeaseTable table, LeaseKeeper keeper, DurableDbProperties properties) {
			return new LeaseRenewals(table, keeper, properties.cluster().renewIntervalOrDefault());
		}

	}

	/** The replica store, tried at startup: it must refuse a second write under one key. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ObjectStore.class)
	static class FencingStoreConfiguration {

		@Bean
		ConditionalWrites durableDbFencingStore(ObjectStore store) {
			return FencingStoreCheck.require(store);
		}

	}

	/** Asked for, with no DataSource to keep the leases in. */
	@Configuration(proxyBeanMethods = false)
	@Conditional(NoSingleDataSourceCondition.class)
	static class NoDataSourceConfiguration {

		NoDataSourceConfiguration() {
			throw new DurableDbConfigurationException(
					"durable-db.cluster.enabled=true keeps its leases in the application's DataSource, and there is "
							+ "none (or several, none of them @Primary)",
					"Configure spring.datasource.* for a PostgreSQL database (with the org.postgresql:postgresql "
							+ "driver and spring-boot-starter-jdbc), mark one DataSource @Primary, or turn the cluster off");
		}

	}

	static class NoSingleDataSourceCondition extends NoneNestedConditions {

		NoSingleDataSourceCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnSingleCandidate(DataSource.class)
		static class SingleDataSource {

		}

	}

}
