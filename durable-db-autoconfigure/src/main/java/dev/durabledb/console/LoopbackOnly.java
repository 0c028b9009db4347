package dev.durabledb.console;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Lets only clients on this machine reach the console, unless
 * {@code durable-db.console.web-allow-others} is set: a console that answers the network
 * would hand every tenant's data to whoever finds the port.
 */
final class LoopbackOnly implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	@Override
	public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		if (!isLoopback(request.servletRequest().getRemoteAddr())) {
			return ConsoleProblems.response(HttpStatus.FORBIDDEN,
					"The durable-db console answers only clients on this machine; set "
							+ "durable-db.console.web-allow-others=true to let others in (and secure it)");
		}
		return next.handle(request);
	}

	static boolean isLoopback(String address) {
		try {
			// A literal address (what servlet containers report) is parsed, not looked up.
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
