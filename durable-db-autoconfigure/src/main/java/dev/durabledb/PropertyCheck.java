package dev.durabledb;

import java.time.Duration;

/**
 * Checks of property values as they are bound, with a message that names the property
 * and what it accepts; Spring Boot reports it as "Failed to bind properties".
 */
final class PropertyCheck {

	private PropertyCheck() {
	}

	static void atLeast(String property, long value, long minimum) {
		if (value < minimum) {
			throw new IllegalArgumentException(property + " must be at least " + minimum + ", not " + value);
		}
	}

	static void between(String property, long value, long minimum, long maximum) {
		if (value < minimum || value > maximum) {
			throw new IllegalArgumentException(
					property + " must be between " + minimum + " and " + maximum + ", not " + value);
		}
	}

	static void positive(String property, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(property + " must be a positive duration, not " + value);
		}
	}

	static void notNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new IllegalArgumentException(property + " must not be negative, not " + value);
		}
	}

	static void notBlank(String property, String value) {
		if (value.isBlank()) {
			throw new IllegalArgumentException(property + " must not be blank");
		}
	}

}
