package dev.durabledb;

/**
 * A configuration durable-db cannot start with: what is wrong, and what to do about it.
 * Spring Boot reports it as "APPLICATION FAILED TO START" with both, through
 * {@link DurableDbFailureAnalyzer}, instead of a stack trace.
 */
public class DurableDbConfigurationException extends DurableDbException {

	private final String description;

	private final String action;

	/**
	 * @param description what is wrong
	 * @param action what to do about it
	 */
	public DurableDbConfigurationException(String description, String action) {
		super(description + "; " + action);
		this.description = description;
		this.action = action;
	}

	/** What is wrong. */
	public String getDescription() {
		return this.description;
	}

	/** What to do about it. */
	public String getAction() {
		return this.action;
	}

}
