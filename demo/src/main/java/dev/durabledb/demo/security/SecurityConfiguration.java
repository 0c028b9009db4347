package dev.durabledb.demo.security;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Operators only: every actuator endpoint but {@code health} and {@code info} (so
 * {@code durabledb}, with its backup and restore operations, and the
 * {@code durabledbarchive} downloads) needs HTTP Basic as {@code admin}. The password is
 * the environment variable {@code DEMO_ADMIN_PASSWORD}. So does the developer console of
 * the {@code dev} profile. The demo's own API stays open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Log logger = LogFactory.getLog(SecurityConfiguration.class);

	static final String PASSWORD_VARIABLE = "DEMO_ADMIN_PASSWORD";

	@Bean
	@Order(1)
	SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health", "info"))
				.permitAll()
				.anyRequest()
				.hasRole("ADMIN"))
			.httpBasic(Customizer.withDefaults())
			// Stateless HTTP Basic clients (curl, scripts) send no CSRF token, and with no
			// session cookie there is nothing for a forged request to ride on.
			.csrf((csrf) -> csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/**
	 * The developer console (dev profile) is for the admin too. A browser sends HTTP Basic
	 * credentials by itself, so the console's writes also need the CSRF token, which its
	 * page reads from the {@code XSRF-TOKEN} cookie ({@code csrf.spa()}). The page uses no
	 * frames: the default {@code X-Frame-Options: DENY} stays.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain consoleSecurity(HttpSecurity http, Environment environment) throws Exception {
		String path = environment.getProperty("durable-db.console.path", "/durable-db/console");
		http.securityMatcher(path, path + "/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("ADMIN"))
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.spa());
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
		// The demo API has no users of its own: tenants are named by the X-Tenant-Id header.
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	UserDetailsService operators(Environment environment) {
		String password = environment.getProperty(PASSWORD_VARIABLE);
		if (password == null || password.isBlank()) {
			logger.warn(PASSWORD_VARIABLE + " is not set: the actuator user 'admin' has the password 'admin'."
					+ " Set it before exposing this application anywhere.");
			password = "admin";
		}
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return new InMemoryUserDetailsManager(
				User.withUsername("admin").password(encoder.encode(password)).roles("ADMIN").build());
	}

}
