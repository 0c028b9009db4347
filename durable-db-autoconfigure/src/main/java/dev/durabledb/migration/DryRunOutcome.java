package dev.durabledb.migration;

/** What a {@link MigrationDryRun} found for one instance. */
public enum DryRunOutcome {

	/** The instance is behind, and the changelog applied to its copy. */
	WOULD_SUCCEED("would-succeed"),

	/** The instance is behind, and the changelog failed on its copy. */
	WOULD_FAIL("would-fail"),

	/** The instance records the deployed changelog's fingerprint: nothing to apply. */
	UP_TO_DATE("up-to-date"),

	/**
	 * The instance could not be copied or read (a file that is not a database, a full
	 * disk...): nothing is known of how it would migrate.
	 */
	NOT_CHECKED("not-checked");

	private final String label;

	DryRunOutcome(String label) {
		this.label = label;
	}

	/** The outcome as reports and the endpoint write it: {@code would-fail}, ... */
	public String label() {
		return this.label;
	}

}
