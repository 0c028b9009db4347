package dev.durabledb.action;

import java.lang.reflect.Method;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Validates an action's arguments with Bean Validation ({@code @Valid}, constraints on
 * parameters) before anything is opened. Present as a bean when the application has a
 * {@link Validator}.
 */
final class ArgumentValidator {

	private final Validator validator;

	ArgumentValidator(Validator validator) {
		this.validator = validator;
	}

	/**
	 * @throws InvalidActionArgumentsException listing every violation
	 */
	void validate(Object target, Method method, Object[] arguments, String action) {
		Set<ConstraintViolation<Object>> violations = this.validator.forExecutables()
			.validateParameters(target, method, arguments);
		if (!violations.isEmpty()) {
			throw new InvalidActionArgumentsException(action, violations);
		}
	}

}
