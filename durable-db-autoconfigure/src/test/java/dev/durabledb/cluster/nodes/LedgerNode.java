package dev.durabledb.cluster.nodes;

import javax.sql.DataSource;

import dev.durabledb.action.DurableDatabase;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.fixtures.ClusterNodeAutoConfiguration;
import dev.durabledb.fixtures.Gate;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.tenant.TenantDirectory;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A node of the multi-process cluster tests: a web application with the per-tenant
 * {@code ledger} database, replicating to a folder every node shares, its leases in the
 * local PostgreSQL. Started by {@link NodeProcesses} as a separate JVM; prints
 * {@value #READY} on standard output once it serves.
 */
@Configuration(proxyBeanMethods = false)
@ClusterNodeAutoConfiguration
@ImportAutoConfiguration({ AwsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
		RegionProviderAutoConfiguration.class, S3AutoConfiguration.class })
public class LedgerNode {

	static final String READY = "LEDGER-NODE-READY";

	public static void main(String[] args) {
		new SpringApplicationBuilder(LedgerNode.class).web(WebApplicationType.SERVLET)
			.properties("spring.main.banner-mode=off", "durable-db.databases.ledger.changelog=classpath:changelogs/ledger.yaml",
					"spring.cloud.aws.region.static=us-east-1")
			.run(args);
	}

	@Bean
	DataSource dataSource() {
		// Connections of their own for each statement, as the lease table expects of any pool.
		return new DriverManagerDataSource(Postgres.URL);
	}

	@Bean
	Gate hold() {
		return new Gate();
	}

	@Bean
	LedgerActions ledgerActions(@Qualifier("ledger") DurableDatabase ledger, LeaseKeeper leases, Gate hold) {
		return new LedgerActions(ledger, leases, hold);
	}

	@Bean
	LedgerController ledgerController(LedgerActions ledger, TenantDirectory tenants, LeaseKeeper leases, Gate hold) {
		return new LedgerController(ledger, tenants, leases, hold);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> announceReady() {
		return (event) -> {
			System.out.println(READY);
			System.out.flush();
		};
	}

}
