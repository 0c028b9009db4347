package dev.durabledb.console;

import org.springframework.http.HttpStatus;

/** A request the console refuses, with the status that says why. */
final class ConsoleException extends RuntimeException {

	private final HttpStatus status;

	ConsoleException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	HttpStatus status() {
		return this.status;
	}

}
