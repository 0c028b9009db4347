package dev.durabledb.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * A request an endpoint turns down, answered as an RFC 9457 problem with a detail that
 * says why, served as {@code application/problem+json} whether or not the application
 * turned on Spring MVC's problem details. Thrown where the reason is found, answered by
 * the operation.
 */
final class EndpointProblem extends RuntimeException {

	private final int status;

	private EndpointProblem(int status, String detail) {
		super(detail, null, false, false);
		this.status = status;
	}

	/** {@code value}, or a 400 problem saying {@code missing} if there is none. */
	static String required(@Nullable String value, String missing) {
		if (value == null || value.isBlank()) {
			throw badRequest(missing);
		}
		return value;
	}

	static EndpointProblem badRequest(String detail) {
		return new EndpointProblem(WebEndpointResponse.STATUS_BAD_REQUEST, detail);
	}

	static EndpointProblem notFound(String detail) {
		return new EndpointProblem(WebEndpointResponse.STATUS_NOT_FOUND, detail);
	}

	static EndpointProblem of(int status, String detail) {
		return new EndpointProblem(status, detail);
	}

	/** The problem as the operation's response. */
	WebEndpointResponse<Object> response() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(this.status), getMessage());
		return new WebEndpointResponse<>(problem, this.status, MediaType.APPLICATION_PROBLEM_JSON);
	}

}
