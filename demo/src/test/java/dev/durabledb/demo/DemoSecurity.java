package dev.durabledb.demo;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/** Credentials of the demo's operator. */
final class DemoSecurity {

	private DemoSecurity() {
	}

	/** HTTP Basic as {@code admin}, with the default password (no DEMO_ADMIN_PASSWORD in tests). */
	static RequestPostProcessor admin() {
		return httpBasic("admin", "admin");
	}

}
