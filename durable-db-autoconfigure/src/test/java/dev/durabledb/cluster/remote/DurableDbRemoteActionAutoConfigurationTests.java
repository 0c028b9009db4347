package dev.durabledb.cluster.remote;

import java.nio.file.Path;

import javax.sql.DataSource;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.action.DurableAction;
import dev.durabledb.cluster.DurableDbClusterAutoConfiguration;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.fixtures.Causes;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.fixtures.StarterConfigurations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbRemoteActionAutoConfigurationTests {

	private final String table = Postgres.uniqueName("lease_remote_autoconfig_test");

	@TempDir
	Path dataDir;

	@AfterEach
	void drop() {
		Postgres.drop(this.table);
	}

	private AutoConfigurations configurations() {
		return AutoConfigurations.of(JacksonAutoConfiguration.class, DurableDbClusterAutoConfiguration.class,
				DurableDbRemoteActionAutoConfiguration.class);
	}

	private String[] cluster() {
		return new String[] { "durable-db.data-dir=" + this.dataDir, "durable-db.cluster.table=" + this.table,
				"durable-db.cluster.enabled=true", "durable-db.cluster.advertised-url=http://127.0.0.1:8080",
				"durable-db.cluster.secret=" + ClusterNodes.SECRET };
	}

	@Test
	void offByDefaultThereIsNoClientNoCheckAndNoEndpoint() {
		new WebApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(configurations())
			.withBean(DataSource.class, Postgres::dataSource)
			.withPropertyValues("durable-db.data-dir=" + this.dataDir)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(RemoteActionClient.class)
					.doesNotHaveBean(ActionJsonCheck.class)
					.doesNotHaveBean(FilterRegistrationBean.class);
			});
	}

	@Test
	void inAServletApplicationTheEndpointIsRegisteredBesideTheClient() {
		Postgres.assumeAvailable();
		new WebApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(configurations())
			.withBean(DataSource.class, Postgres::dataSource)
			.withPropertyValues(cluster())
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(RemoteActionClient.class)
					.hasSingleBean(ActionJsonCheck.class)
					.hasBean("durableDbActionCallFilter");
				assertThat(context.getBean("durableDbActionCallFilter", FilterRegistrationBean.class).getUrlPatterns())
					.containsExactly("/durable-db/cluster/actions");
			});
	}

	@Test
	void outsideAWebApplicationThereIsTheClientAndNoEndpoint() {
		Postgres.assumeAvailable();
		new ApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(configurations())
			.withBean(DataSource.class, Postgres::dataSource)
			.withPropertyValues(cluster())
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(LeaseKeeper.class)
					.hasSingleBean(RemoteActionClient.class)
					.doesNotHaveBean("durableDbActionCallFilter");
			});
	}

	@Test
	void theChecksGoThroughTheApplicationsJsonMapper() {
		ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
					DurableDbRemoteActionAutoConfiguration.class))
			.withPropertyValues(cluster())
			.withBean(EmptyActions.class);
		runner.run((context) -> assertThat(context).hasNotFailed());
		runner
			.withBean(JsonMapper.class,
					() -> JsonMapper.builder().enable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build())
			.run((context) -> assertThat(Causes.find(context.getStartupFailure(), DurableDbConfigurationException.class)
				.getDescription()).contains("EmptyActions.keep(Empty): parameter 'empty'",
						"has no property the mapper can write"));
	}

	public static class Empty {

	}

	@DurableAction(database = "notes")
	public static class EmptyActions {

		public void keep(Empty empty) {
		}

	}

}
