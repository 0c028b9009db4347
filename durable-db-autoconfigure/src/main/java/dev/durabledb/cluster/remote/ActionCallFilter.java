package dev.durabledb.cluster.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.durabledb.cluster.remote.CallSignatures.Verdict;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The endpoint other nodes send actions to, {@code POST} {@value Wire#PATH}. It is a
 * servlet filter mapped to that path alone, ordered ahead of Spring Security's filter
 * chain: a call authenticates itself with the cluster secret, and none of the
 * application's sessions, CSRF tokens or tenant resolution applies to it. It answers
 * every request itself and never passes one on.
 * <p>
 * A call is refused (401) unless it is signed, fresh and new ({@link CallSignatures}),
 * before its body is parsed; refused (400) when it names no action of this application;
 * and otherwise run, answered with the result (200) or the failure
 * ({@link RemoteFailure}, with its status). The {@value Wire#OUTCOME} header says which
 * of the three the answer is, so that a caller never mistakes another server's 404 for
 * an action's.
 */
final class ActionCallFilter implements Filter {

	/** Ahead of Spring Security's filter chain (-100) and durable-db's tenant filter (0). */
	static final int ORDER = -110;

	private static final Logger logger = LoggerFactory.getLogger(ActionCallFilter.class);

	private static final String JSON = "application/json";

	private static final String PROBLEM_JSON = "application/problem+json";

	private final CallSignatures signatures;

	private final IncomingActions actions;

	private final FailureReports failures;

	private final JsonMapper mapper;

	ActionCallFilter(CallSignatures signatures, IncomingActions actions, FailureReports failures, JsonMapper mapper) {
		this.signatures = signatures;
		this.actions = actions;
		this.failures = failures;
		this.mapper = mapper;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		HttpServletResponse response = (HttpServletResponse) servletResponse;
		if (!Wire.METHOD.equals(request.getMethod())) {
			response.setHeader("Allow", Wire.METHOD);
			refuse(response, 405, "Method Not Allowed", "Action calls are POST requests");
			return;
		}
		String node = request.getHeader(Wire.NODE);
		String timestamp = request.getHeader(Wire.TIMESTAMP);
		String nonce = request.getHeader(Wire.NONCE);
		String signature = request.getHeader(Wire.SIGNATURE);
		// Headers first, before reading up to MAX_BODY bytes of a call that cannot be authentic.
		Verdict verdict = this.signatures.checkHeaders(node, timestamp, nonce, signature);
		if (verdict == Verdict.AUTHENTIC) {
			byte[] body = readBody(request);
			if (body == null) {
				refuse(response, 413, "Content Too Large", "An action call is at most " + Wire.MAX_BODY + " bytes");
				return;
			}
			verdict = this.signatures.verify(request.getMethod(), Wire.PATH, node, timestamp, nonce, signature, body);
			if (verdict == Verdict.AUTHENTIC) {
				answer(node, body, response);
				return;
			}
		}
		logger.warn("Refused an action call from {}: {}", request.getRemoteAddr(), verdict.detail());
		response.setHeader("WWW-Authenticate", "Durable-Db-HMAC");
		refuse(response, 401, "Unauthorized", verdict.detail());
	}

	private void answer(String node, byte[] body, HttpServletResponse response) throws IOException {
		ActionCall call;
		try {
			call = this.actions.read(body);
		}
		catch (BadCallException ex) {
			logger.warn("Refused an action call from node {}: {}", node, ex.getMessage());
			refuse(response, 400, "Bad Request", ex.getMessage());
			return;
		}
		byte[] result;
		try {
			result = this.actions.writeResult(call, this.actions.run(call));
		}
		catch (Throwable ex) {
			fail(node, call, ex, response);
			return;
		}
		write(response, 200, Wire.RESULT, JSON, result);
	}

	private void fail(String node, ActionCall call, Throwable ex, HttpServletResponse response) throws IOException {
		RemoteFailure failure;
		try {
			failure = this.failures.describe(ex);
		}
		catch (RuntimeException describing) {
			// The caller must still learn that the action failed, if not how.
			logger.error("Could not describe the failure of action {}", call.target().definition().name(), describing);
			failure = RemoteFailure.problem(500, null, null, null, ex, null, null);
		}
		if (failure.status() == 500) {
			// Unexpected (no status of its own): the caller gets its class, this node's log
			// the whole story.
			logger.warn("Action {} called by node {} for '{}' failed", call.target().definition().name(), node,
					call.key(), ex);
		}
		else {
			logger.debug("Action {} called by node {} for '{}' failed", call.target().definition().name(), node,
					call.key(), ex);
		}
		if (failure.retryAfter() != null) {
			response.setHeader("Retry-After", Long.toString(failure.retryAfter()));
		}
		int status = (failure.status() >= 400 && failure.status() <= 599) ? failure.status() : 500;
		write(response, status, Wire.ERROR, PROBLEM_JSON, this.mapper.writeValueAsBytes(failure.toJson(this.mapper)));
	}

	private void refuse(HttpServletResponse response, int status, String title, String detail) throws IOException {
		ObjectNode problem = this.mapper.createObjectNode();
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		write(response, status, Wire.REFUSED, PROBLEM_JSON, this.mapper.writeValueAsBytes(problem));
	}

	private static void write(HttpServletResponse response, int status, String outcome, String contentType,
			byte[] body) throws IOException {
		response.setStatus(status);
		response.setHeader(Wire.OUTCOME, outcome);
		response.setContentType(contentType);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** The request's body, or {@code null} when it is longer than {@link Wire#MAX_BODY}. */
	private static byte @Nullable [] readBody(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > Wire.MAX_BODY) {
			return null;
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try (InputStream in = request.getInputStream()) {
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				if (body.size() + read > Wire.MAX_BODY) {
					return null;
				}
				body.write(buffer, 0, read);
			}
		}
		return body.toByteArray();
	}

}
