package dev.durabledb.migration;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * What a {@link MigrationDryRun} found for a database: counts and, sorted by instance,
 * every instance's {@link InstanceDryRun result}.
 *
 * @param database the database
 * @param fingerprint the fingerprint of its deployed changelog, the one applied
 * @param instancesInDatabase how many instances the database had when the run began
 * @param total how many instances were checked: all of them, or a sample
 * @param succeeded how many are behind and would migrate
 * @param failed how many are behind and would fail
 * @param upToDate how many need no migration
 * @param notChecked how many could not be copied or read
 * @param took how long the run took
 * @param instances each checked instance's result, sorted by instance
 */
public record MigrationDryRunReport(String database, String fingerprint, int instancesInDatabase, int total,
		int succeeded, int failed, int upToDate, int notChecked, Duration took, List<InstanceDryRun> instances) {

	public MigrationDryRunReport {
		instances = List.copyOf(instances);
	}

	static MigrationDryRunReport of(String database, String fingerprint, int instancesInDatabase,
			List<InstanceDryRun> results, Duration took) {
		List<InstanceDryRun> sorted = results.stream()
			.sorted(Comparator.comparing(InstanceDryRun::instance))
			.toList();
		return new MigrationDryRunReport(database, fingerprint, instancesInDatabase, sorted.size(),
				count(sorted, DryRunOutcome.WOULD_SUCCEED), count(sorted, DryRunOutcome.WOULD_FAIL),
				count(sorted, DryRunOutcome.UP_TO_DATE), count(sorted, DryRunOutcome.NOT_CHECKED), took, sorted);
	}

	/** The instances that would fail to migrate, sorted by instance. */
	public List<InstanceDryRun> failures() {
		return this.instances.stream().filter((result) -> result.outcome() == DryRunOutcome.WOULD_FAIL).toList();
	}

	/** Whether every checked instance would migrate or needs nothing: none fails, none went unchecked. */
	public boolean allWouldMigrate() {
		return this.failed == 0 && this.notChecked == 0;
	}

	private static int count(List<InstanceDryRun> results, DryRunOutcome outcome) {
		return (int) results.stream().filter((result) -> result.outcome() == outcome).count();
	}

}
