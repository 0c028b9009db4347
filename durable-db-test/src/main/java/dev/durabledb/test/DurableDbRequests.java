package dev.durabledb.test;

import dev.durabledb.tenant.HeaderTenantResolver;
import dev.durabledb.tenant.SubdomainTenantResolver;
import dev.durabledb.tenant.TenantResolver;

import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/** MockMvc request post-processors for applications that use durable-db. */
public final class DurableDbRequests {

	private DurableDbRequests() {
	}

	/**
	 * Makes the request one of {@code tenantId}, the way the application's tenant
	 * resolver reads it: the header of the header resolver ({@code X-Tenant-Id} unless
	 * configured otherwise), or the first label of the host name for the subdomain
	 * resolver. An application with a resolver of its own sets what that resolver reads.
	 * <pre class="code">
	 * mvc.perform(get("/api/users").with(tenant("acme"))).andExpect(status().isOk());
	 * </pre>
	 */
	public static RequestPostProcessor tenant(String tenantId) {
		return (request) -> {
			WebApplicationContext context = WebApplicationContextUtils
				.getRequiredWebApplicationContext(request.getServletContext());
			TenantResolver resolver = context.getBean(TenantResolver.class);
			if (resolver instanceof HeaderTenantResolver header) {
				request.addHeader(header.header(), tenantId);
			}
			else if (resolver instanceof SubdomainTenantResolver) {
				request.setServerName(tenantId + "." + request.getServerName());
			}
			else {
				throw new IllegalStateException("The application resolves tenants with its own "
						+ resolver.getClass().getName() + "; set on the request what it reads instead of using tenant()");
			}
			return request;
		};
	}

}
