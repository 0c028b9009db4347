package dev.durabledb.benchmarks;

/**
 * How big each scenario is: the full run, as the targets are stated, or a quick one for a
 * smoke check (under 2 minutes on 2 cores).
 *
 * @param warmups rounds run before measuring
 * @param rounds measured rounds (medians are over these)
 * @param oneRowWarmups warm-up rounds of the one-row write and read scenarios (enough
 * for the JIT to settle: an operation costs microseconds)
 * @param oneRowRounds measured rounds of those scenarios: many short ones, each compared
 * with the baseline's round just before it
 * @param writeOps operations per round of the one-row write scenario (fewer commits than
 * SQLite's automatic checkpoint needs)
 * @param readOps operations per round of the point-read scenario
 * @param tenantOps operations per round of the tenant create/open scenarios
 * @param liquibaseOps operations per round of the Liquibase baselines
 * @param manyTenants tenants of the Zipf throughput scenario
 * @param maxOpen {@code max-open} of the Zipf throughput scenario
 * @param throughputSeconds how long each throughput measurement runs
 * @param backupMegabytes size of the tenant the backup scenarios copy
 * @param migrationTenants tenants eager migration migrates
 * @param segmentMegabytes how much the segments after the snapshot weigh in the store
 * when a tenant of {@code backupMegabytes} is restored to a bookmark
 * @param idleTenants open, idle, replicated tenants whose CPU cost is measured
 * @param idleSeconds how long that CPU cost is measured
 */
record Sizes(int warmups, int rounds, int oneRowWarmups, int oneRowRounds, int writeOps, int readOps, int tenantOps, int liquibaseOps, int manyTenants, int maxOpen,
		double throughputSeconds, int backupMegabytes, int migrationTenants, int segmentMegabytes, int idleTenants,
		int idleSeconds) {

	static Sizes full() {
		return new Sizes(3, 7, 40, 150, 400, 5_000, 300, 10, 10_000, 1000, 10, 256, 10_000, 64, 10_000, 60);
	}

	static Sizes quick() {
		return new Sizes(2, 3, 10, 30, 400, 2_000, 100, 4, 2_000, 1000, 3, 32, 1_000, 8, 1_000, 10);
	}

}
