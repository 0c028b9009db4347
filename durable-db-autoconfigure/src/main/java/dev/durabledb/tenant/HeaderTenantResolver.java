package dev.durabledb.tenant;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** Takes the tenant id from a request header, {@code X-Tenant-Id} by default. */
public final class HeaderTenantResolver implements TenantResolver {

	private final String header;

	public HeaderTenantResolver(String header) {
		this.header = header;
	}

	/** The request header that carries the tenant id. */
	public String header() {
		return this.header;
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		String value = request.getHeader(this.header);
		return (value == null || value.isEmpty()) ? null : value;
	}

}
