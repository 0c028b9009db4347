package dev.durabledb.web;

import java.util.List;
import java.util.Map;

import dev.durabledb.action.InvalidActionArgumentsException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers an action whose arguments failed Bean Validation with a 400
 * {@code application/problem+json} that lists every failing field:
 * {@code "errors": [{"field": "user.email", "message": "must be a well-formed email address"}]}.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class ArgumentProblemHandler {

	@ExceptionHandler(InvalidActionArgumentsException.class)
	ResponseEntity<ProblemDetail> invalidArguments(InvalidActionArgumentsException ex) {
		List<Map<String, String>> errors = ex.getInvalidArguments()
			.stream()
			.map((argument) -> Map.of("field", argument.field(), "message", argument.message()))
			.toList();
		ResponseEntity<ProblemDetail> response = DurableDbProblemHandler.problem(HttpStatus.BAD_REQUEST,
				"invalid-arguments", "Invalid arguments", "The request has " + errors.size() + " invalid field(s)");
		response.getBody().setProperty("errors", errors);
		return response;
	}

}
