package dev.durabledb.store;

import java.io.IOException;

/**
 * The store holds something under a key that it will not serve, such as a link: a store
 * never follows links, so that what it holds can never make the starter read a file
 * outside it.
 */
public class UnservableObjectException extends IOException {

	public UnservableObjectException(String message) {
		super(message);
	}

}
