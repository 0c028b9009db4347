package dev.durabledb.demo.web;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Anything unexpected becomes a 500 {@code application/problem+json} with no detail that
 * could leak SQL, paths or stack traces; the log has the whole story.
 */
@RestControllerAdvice
class FallbackProblemHandler {

	private static final Log logger = LogFactory.getLog(FallbackProblemHandler.class);

	@ExceptionHandler(RuntimeException.class)
	ProblemDetail unexpected(RuntimeException ex) {
		logger.error("Request failed", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request could not be completed");
		problem.setTitle("Internal error");
		return problem;
	}

}
