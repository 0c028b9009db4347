package dev.durabledb.web;

import java.io.IOException;

import dev.durabledb.tenant.TenantResolver;
import dev.durabledb.tenant.Tenants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/** Binds the tenant that the {@link TenantResolver} finds for the length of a request. */
class TenantFilter extends OncePerRequestFilter {

	private final TenantResolver resolver;

	TenantFilter(TenantResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String tenantId = this.resolver.resolve(request);
		if (tenantId == null) {
			chain.doFilter(request, response);
			return;
		}
		try (Tenants.Binding binding = Tenants.bind(tenantId)) {
			chain.doFilter(request, response);
		}
	}

}
