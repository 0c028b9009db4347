package dev.durabledb.cluster.remote;

import java.net.http.HttpClient;
import java.time.Clock;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.action.ActionDefinitions;
import dev.durabledb.action.DurableDbActionAutoConfiguration;
import dev.durabledb.cluster.DurableDbClusterAutoConfiguration;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.database.DatabaseCatalog;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.ErrorResponse;

/**
 * Auto-configuration of action calls between the nodes of a cluster, on only when
 * {@code durable-db.cluster.enabled=true}: the startup check that every action's
 * parameters and result travel as JSON, the {@link RemoteActionClient}, and, in a servlet
 * web application, the endpoint other nodes call ({@code POST /durable-db/cluster/actions}).
 * With the cluster off none of it exists, the endpoint included. JSON goes through the
 * application's {@link JsonMapper} (the one Spring Boot configures), or Jackson's default
 * one when it has none.
 */
@AutoConfiguration(after = { DurableDbClusterAutoConfiguration.class, DurableDbActionAutoConfiguration.class },
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBooleanProperty("durable-db.cluster.enabled")
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbRemoteActionAutoConfiguration {

	@Bean
	ActionJsonCheck durableDbActionJsonCheck(ConfigurableListableBeanFactory beanFactory,
			ActionDefinitions definitions, ObjectProvider<JsonMapper> mapper) {
		return new ActionJsonCheck(beanFactory, definitions, mapper.getIfUnique(JsonMapper::shared));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(LeaseKeeper.class)
	static class RemoteCallConfiguration {

		@Bean
		CallSignatures durableDbCallSignatures(DurableDbProperties properties, ObjectProvider<Clock> clock) {
			return new CallSignatures(String.valueOf(properties.cluster().secret()), clock.getIfUnique(Clock::systemUTC),
					new SeenNonces(Wire.WINDOW));
		}

		@Bean
		ActionTargets durableDbActionTargets(ConfigurableListableBeanFactory beanFactory,
				ActionDefinitions definitions, ObjectProvider<JsonMapper> mapper) {
			return new ActionTargets(beanFactory, definitions, mapper.getIfUnique(JsonMapper::shared).getTypeFactory());
		}

		@Bean
		RemoteActionClient durableDbRemoteActionClient(CallSignatures signatures, ActionTargets targets,
				DatabaseCatalog catalog, LeaseKeeper leases, DurableDbProperties properties,
				ObjectProvider<JsonMapper> mapper) {
			DurableDbProperties.Cluster cluster = properties.cluster();
			HttpClient http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(cluster.connectTimeout())
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
			return new RemoteActionClient(http, mapper.getIfUnique(JsonMapper::shared), signatures, targets, catalog,
					leases.nodeId(), cluster.callTimeout());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(LeaseKeeper.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ FilterRegistrationBean.class, ErrorResponse.class })
	static class EndpointConfiguration {

		@Bean
		FilterRegistrationBean<ActionCallFilter> durableDbActionCallFilter(CallSignatures signatures,
				ActionTargets targets, ConfigurableListableBeanFactory beanFactory, DatabaseCatalog catalog,
				LeaseKeeper leases, ObjectProvider<JsonMapper> mappers) {
			JsonMapper mapper = mappers.getIfUnique(JsonMapper::shared);
			IncomingActions actions = new IncomingActions(beanFactory, targets, catalog, leases, mapper);
			FilterRegistrationBean<ActionCallFilter> registration = new FilterRegistrationBean<>(
					new ActionCallFilter(signatures, actions, new FailureReports(mapper), mapper));
			registration.addUrlPatterns(Wire.PATH);
			registration.setOrder(ActionCallFilter.ORDER);
			return registration;
		}

	}

}
