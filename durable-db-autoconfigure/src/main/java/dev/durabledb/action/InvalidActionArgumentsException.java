package dev.durabledb.action;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

/** Thrown when an action's arguments fail Bean Validation; nothing was opened or written. */
public class InvalidActionArgumentsException extends ConstraintViolationException {

	public InvalidActionArgumentsException(String action, Set<? extends ConstraintViolation<?>> violations) {
		super("Invalid arguments for action " + action, violations);
	}

}
