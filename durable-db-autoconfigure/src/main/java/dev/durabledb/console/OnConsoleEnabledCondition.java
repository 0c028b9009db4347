package dev.durabledb.console;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The console is on when {@code durable-db.console.enabled} says so; left unset, it is on
 * exactly when Spring Boot DevTools has added its development defaults to the environment
 * (the property source it names {@code devtools}), which is when DevTools turns the H2
 * console on: a locally run application, never one launched from a packaged jar.
 */
class OnConsoleEnabledCondition extends SpringBootCondition {

	static final String PROPERTY = "durable-db.console.enabled";

	/** The name of the property source DevTools adds its development defaults under. */
	static final String DEVTOOLS_DEFAULTS = "devtools";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		String enabled = environment.getProperty(PROPERTY);
		if (enabled != null && !enabled.isBlank()) {
			return Boolean.parseBoolean(enabled.trim()) ? ConditionOutcome.match(PROPERTY + " is true")
					: ConditionOutcome.noMatch(PROPERTY + " is false");
		}
		if (environment instanceof ConfigurableEnvironment configurable
				&& configurable.getPropertySources().contains(DEVTOOLS_DEFAULTS)) {
			return ConditionOutcome.match("DevTools development defaults are active and " + PROPERTY + " is unset");
		}
		return ConditionOutcome.noMatch(PROPERTY + " is unset and DevTools is not active");
	}

}
