package dev.durabledb.tenant;

import dev.durabledb.DurableDbException;

/** Thrown when a tenant id does not match the configured pattern. */
public class InvalidTenantIdException extends DurableDbException {

	private final String pattern;

	public InvalidTenantIdException(String pattern) {
		// The id itself is left out: it may hold anything, including control characters.
		super("The tenant id is not valid: it must match " + pattern);
		this.pattern = pattern;
	}

	/** What a valid id matches (the pattern, or a description of the one valid name). */
	public String getPattern() {
		return this.pattern;
	}

}
