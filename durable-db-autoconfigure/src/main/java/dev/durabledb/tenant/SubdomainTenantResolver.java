package dev.durabledb.tenant;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Takes the tenant id from the first label of the host name: {@code acme} for
 * {@code acme.example.com}. A host with a single label ({@code localhost}) or an IP
 * address names no tenant.
 */
public final class SubdomainTenantResolver implements TenantResolver {

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		String host = request.getServerName();
		if (host == null || host.isEmpty() || host.startsWith("[") || Character.isDigit(host.charAt(host.length() - 1))) {
			return null;
		}
		int dot = host.indexOf('.');
		return (dot > 0) ? host.substring(0, dot) : null;
	}

}
