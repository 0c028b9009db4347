package dev.durabledb.cluster;

/**
 * Runs renewal rounds from tests of other packages (the endpoint, health, metrics), on the
 * test's thread, at the moment the test chooses: the renewal thread of their contexts
 * waits a whole interval before its first round, which their TTL makes longer than a test.
 */
public final class RenewalRounds {

	private RenewalRounds() {
	}

	/** One renewal round of {@code keeper}, now, as its renewal thread would run it. */
	public static void run(LeaseKeeper keeper) {
		keeper.renew();
	}

}
