package dev.durabledb.web;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.action.DurableDbActionAutoConfiguration;
import dev.durabledb.tenant.HeaderTenantResolver;
import dev.durabledb.tenant.SubdomainTenantResolver;
import dev.durabledb.tenant.TenantResolver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Web side of durable-db in a servlet application: the tenant of each request, and
 * {@code application/problem+json} for durable-db's errors. It needs nothing else of the
 * starter, so that {@code @WebMvcTest} slices can import it (durable-db-test does).
 */
@AutoConfiguration(after = DurableDbActionAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ FilterRegistrationBean.class, RestControllerAdvice.class })
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbWebAutoConfiguration {

	/**
	 * Order of the tenant filter: after Spring Security's filter chain (-100), so that a
	 * resolver can read the authenticated principal.
	 */
	public static final int TENANT_FILTER_ORDER = 0;

	@Bean
	@ConditionalOnMissingBean
	TenantResolver durableDbTenantResolver(DurableDbProperties properties) {
		return switch (properties.tenant().resolver()) {
			case HEADER -> new HeaderTenantResolver(properties.tenant().header());
			case SUBDOMAIN -> new SubdomainTenantResolver();
		};
	}

	@Bean
	FilterRegistrationBean<TenantFilter> durableDbTenantFilter(TenantResolver resolver) {
		FilterRegistrationBean<TenantFilter> registration = new FilterRegistrationBean<>(new TenantFilter(resolver));
		registration.setOrder(TENANT_FILTER_ORDER);
		return registration;
	}

	@Bean
	DurableDbProblemHandler durableDbProblemHandler() {
		return new DurableDbProblemHandler();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.validation.ConstraintViolationException")
	static class ArgumentProblemConfiguration {

		@Bean
		ArgumentProblemHandler durableDbArgumentProblemHandler() {
			return new ArgumentProblemHandler();
		}

	}

}
