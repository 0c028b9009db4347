package dev.durabledb.cluster.remote;

import java.util.List;

import dev.durabledb.action.InvalidActionArgumentsException;
import dev.durabledb.action.InvalidArgument;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Failed Bean Validation on either side of a call. Bean Validation is optional: this class
 * is loaded only when it is present, so that the others never refer to
 * {@link InvalidActionArgumentsException} without it.
 */
final class ValidationFailures {

	/** The class name of the exception, as failures carry it. */
	static final String EXCEPTION = "dev.durabledb.action.InvalidActionArgumentsException";

	/** Whether Bean Validation is on the classpath. */
	static final boolean PRESENT = ClassUtils.isPresent("jakarta.validation.ConstraintViolationException",
			ValidationFailures.class.getClassLoader());

	private ValidationFailures() {
	}

	/** The failure of invalid arguments; {@code null} when {@code ex} is not one. Call only when {@link #PRESENT}. */
	static @Nullable RemoteFailure describe(Throwable ex) {
		if (ex instanceof InvalidActionArgumentsException invalid) {
			return new RemoteFailure(400, null, null, invalid.getMessage(), EXCEPTION, invalid.getMessage(), null, null,
					null, null, null, invalid.getAction(), invalid.getInvalidArguments(), null);
		}
		return null;
	}

	/** The exception of invalid arguments as the other node reported them. Call only when {@link #PRESENT}. */
	static RuntimeException rebuild(String action, List<InvalidArgument> errors) {
		return new InvalidActionArgumentsException(action, errors);
	}

}
