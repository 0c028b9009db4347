package dev.durabledb.benchmarks;

/**
 * How big each scenario is: the full run, as the targets are stated, or a quick one for a
 * smoke check (under 2 minutes on 2 cores).
 *
 * @param warmups rounds run before measuring
 * @param rounds measured rounds (medians are over these)
 * @param writeOps operations per round of the one-row write scenario (which runs four
 * times as many rounds)
 * @param readOps operations per round of the point-read scenario (long enough for the
 * JIT to settle: a read costs microseconds)
 * @param tenantOps operations per round of the tenant create/open scenarios
 * @param liquibaseOps operations per round of the Liquibase baselines
 * @param manyTenants tenants of the Zipf throughput scenario
 * @param maxOpen {@code max-open} of the Zipf throughput scenario
 * @param throughputSeconds how long each throughput measurement runs
 * @param backupMegabytes size of the tenant the backup scenarios copy
 * @param migrationTenants tenants eager migration migrates
 */
record Sizes(int warmups, int rounds, int writeOps, int readOps, int tenantOps, int liquibaseOps, int manyTenants, int maxOpen,
		double throughputSeconds, int backupMegabytes, int migrationTenants) {

	static Sizes full() {
		return new Sizes(3, 7, 2_500, 100_000, 300, 10, 10_000, 1000, 10, 256, 1000);
	}

	static Sizes quick() {
		return new Sizes(2, 3, 500, 20_000, 100, 4, 2_000, 1000, 3, 32, 200);
	}

}
