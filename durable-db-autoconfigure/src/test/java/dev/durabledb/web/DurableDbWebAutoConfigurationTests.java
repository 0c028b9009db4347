package dev.durabledb.web;

import java.nio.file.Path;

import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.tenant.HeaderTenantResolver;
import dev.durabledb.tenant.SubdomainTenantResolver;
import dev.durabledb.tenant.TenantResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

class DurableDbWebAutoConfigurationTests {

	@TempDir
	Path dataDir;

	private WebApplicationContextRunner webRunner() {
		return new WebApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(AutoConfigurations.of(DurableDbWebAutoConfiguration.class))
			.withPropertyValues("durable-db.data-dir=" + this.dataDir);
	}

	@Test
	void webApplicationsGetTheHeaderResolverTheFilterAndProblemDetails() {
		webRunner().run((context) -> {
			assertThat(context).hasSingleBean(TenantResolver.class)
				.hasSingleBean(DurableDbProblemHandler.class)
				.hasSingleBean(ArgumentProblemHandler.class);
			assertThat(context.getBean(TenantResolver.class)).isInstanceOf(HeaderTenantResolver.class);
			FilterRegistrationBean<?> filter = context.getBean(FilterRegistrationBean.class);
			assertThat(filter.getFilter()).isInstanceOf(TenantFilter.class);
			assertThat(filter.getOrder()).isEqualTo(DurableDbWebAutoConfiguration.TENANT_FILTER_ORDER);
		});
	}

	@Test
	void theSubdomainResolverIsAProperty() {
		webRunner().withPropertyValues("durable-db.tenant.resolver=subdomain")
			.run((context) -> assertThat(context.getBean(TenantResolver.class))
				.isInstanceOf(SubdomainTenantResolver.class));
	}

	@Test
	void backsOffForTheApplicationsOwnTenantResolver() {
		webRunner().withBean("principalResolver", TenantResolver.class, () -> (request) -> "from-principal")
			.run((context) -> assertThat(context).hasSingleBean(TenantResolver.class).hasBean("principalResolver"));
	}

	@Test
	void withoutBeanValidationThereIsNoArgumentProblemHandler() {
		webRunner().withClassLoader(new FilteredClassLoader("jakarta.validation"))
			.run((context) -> assertThat(context).hasSingleBean(DurableDbProblemHandler.class)
				.doesNotHaveBean(ArgumentProblemHandler.class));
	}

	@Test
	void notAWebApplicationMeansNoFilter() {
		new ApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(AutoConfigurations.of(DurableDbWebAutoConfiguration.class))
			.withPropertyValues("durable-db.data-dir=" + this.dataDir)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TenantResolver.class)
				.doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(DurableDbProblemHandler.class));
	}

}
