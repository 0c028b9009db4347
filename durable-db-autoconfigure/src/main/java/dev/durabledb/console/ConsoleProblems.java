package dev.durabledb.console;

import java.net.URI;
import java.sql.SQLException;

import dev.durabledb.DurableDbException;
import dev.durabledb.database.UnknownDatabaseException;
import dev.durabledb.instance.InstanceBusyException;
import dev.durabledb.instance.InstanceNotFoundException;
import dev.durabledb.tenant.InvalidTenantIdException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The console's errors as {@code application/problem+json}. An SQL error's message is the
 * point of a console, so it is shown; nothing else leaks (no paths, no stack traces).
 */
final class ConsoleProblems {

	private static final Log logger = LogFactory.getLog(ConsoleProblems.class);

	private ConsoleProblems() {
	}

	static ServerResponse response(HttpStatus status, String detail) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem(status, detail));
	}

	static ServerResponse of(Throwable failure, ServerRequest request) {
		if (failure instanceof ConsoleException refused) {
			return response(refused.status(), refused.getMessage());
		}
		if (failure instanceof UnknownDatabaseException || failure instanceof InstanceNotFoundException) {
			return response(HttpStatus.NOT_FOUND, failure.getMessage());
		}
		if (failure instanceof InvalidTenantIdException || failure instanceof IllegalArgumentException) {
			return response(HttpStatus.BAD_REQUEST, failure.getMessage());
		}
		if (failure instanceof HttpMessageNotReadableException) {
			return response(HttpStatus.BAD_REQUEST, "The request body is not the JSON object expected");
		}
		if (failure instanceof SQLException sql) {
			return response(HttpStatus.BAD_REQUEST, sql.getMessage());
		}
		if (failure instanceof InstanceBusyException busy) {
			return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, busy.getRetryAfter().toSeconds())))
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "The tenant's database is busy; retry shortly"));
		}
		logger.warn("The durable-db console failed on " + request.method() + " " + request.path(), failure);
		String detail = (failure instanceof DurableDbException) ? failure.getMessage()
				: "The console failed; the application's log says why";
		return response(HttpStatus.INTERNAL_SERVER_ERROR, detail);
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://durabledb.dev/problems/console"));
		return problem;
	}

}
