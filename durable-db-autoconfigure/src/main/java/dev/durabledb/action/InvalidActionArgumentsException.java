package dev.durabledb.action;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

/** Thrown when an action's arguments fail Bean Validation; nothing was opened or written. */
public class InvalidActionArgumentsException extends ConstraintViolationException {

	private final String action;

	private final List<InvalidArgument> invalidArguments;

	/**
	 * @param action the action, as {@code Class.method}
	 * @param violations what Bean Validation found
	 */
	public InvalidActionArgumentsException(String action, Set<? extends ConstraintViolation<?>> violations) {
		super(message(action), violations);
		this.action = action;
		this.invalidArguments = violations.stream()
			.map((violation) -> new InvalidArgument(field(violation.getPropertyPath()), violation.getMessage()))
			.sorted(Comparator.comparing(InvalidArgument::field).thenComparing(InvalidArgument::message))
			.toList();
	}

	/**
	 * The same failure as reported by the node that ran the action: its violations carry
	 * the field and the message only.
	 * @param action the action, as {@code Class.method}
	 * @param invalidArguments the arguments that failed
	 */
	public InvalidActionArgumentsException(String action, List<InvalidArgument> invalidArguments) {
		this(action, reported(invalidArguments));
	}

	private static String message(String action) {
		return "Invalid arguments for action " + action;
	}

	private static Set<ConstraintViolation<Object>> reported(List<InvalidArgument> invalidArguments) {
		Set<ConstraintViolation<Object>> violations = new LinkedHashSet<>();
		invalidArguments.forEach((argument) -> violations.add(new ReportedViolation(argument)));
		return violations;
	}

	/** The action whose arguments failed, as {@code Class.method}. */
	public String getAction() {
		return this.action;
	}

	/**
	 * Every failing argument, ordered by field: the parameter name and the property path
	 * inside it ({@code user.email}, not the method's name first).
	 */
	public List<InvalidArgument> getInvalidArguments() {
		return this.invalidArguments;
	}

	/** The property path without the method node: {@code user.email}, not {@code create.user.email}. */
	private static String field(Path path) {
		StringBuilder field = new StringBuilder();
		for (Path.Node node : path) {
			if (node.getKind() == ElementKind.METHOD) {
				continue;
			}
			if (node.getKind() == ElementKind.PARAMETER) {
				field.append(node.getName());
				continue;
			}
			if (node.getName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(node.getName());
			}
		}
		return field.toString();
	}

}
