package dev.durabledb.demo.user;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A tenant already has a user with that email; answered as a 409 problem. */
class EmailTakenException extends ErrorResponseException {

	EmailTakenException(String email) {
		super(HttpStatus.CONFLICT);
		getBody().setTitle("Email taken");
		getBody().setDetail("A user with email " + email + " already exists");
	}

}
