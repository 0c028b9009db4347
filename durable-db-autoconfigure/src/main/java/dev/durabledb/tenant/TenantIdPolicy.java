package dev.durabledb.tenant;

import java.util.regex.Pattern;

/** Decides which strings are acceptable tenant ids. */
public final class TenantIdPolicy {

	/** Letters, digits, '-' and '_', up to 63 characters. */
	public static final String DEFAULT_PATTERN = "[A-Za-z0-9_-]{1,63}";

	private static final int MAX_LENGTH = 255;

	private final Pattern pattern;

	public TenantIdPolicy(String pattern) {
		this.pattern = Pattern.compile(pattern);
	}

	/**
	 * Returns {@code tenantId} when it is valid.
	 * @throws InvalidTenantIdException when it does not match the pattern
	 */
	public String validate(String tenantId) {
		if (tenantId == null || tenantId.isEmpty() || tenantId.length() > MAX_LENGTH
				|| !this.pattern.matcher(tenantId).matches()) {
			throw new InvalidTenantIdException(this.pattern.pattern());
		}
		return tenantId;
	}

	public boolean isValid(String tenantId) {
		try {
			validate(tenantId);
			return true;
		}
		catch (InvalidTenantIdException ex) {
			return false;
		}
	}

}
