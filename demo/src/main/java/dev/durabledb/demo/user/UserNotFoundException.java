package dev.durabledb.demo.user;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A user id the tenant does not have; answered as a 404 problem. */
class UserNotFoundException extends ErrorResponseException {

	UserNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND);
		getBody().setTitle("User not found");
		getBody().setDetail("User " + id + " does not exist");
	}

}
