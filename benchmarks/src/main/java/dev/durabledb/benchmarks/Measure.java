package dev.durabledb.benchmarks;

import java.util.Arrays;

/** Statistics over measured rounds; the benchmarks report medians. */
final class Measure {

	private Measure() {
	}

	static double median(double[] values) {
		return percentile(values, 50);
	}

	/**
	 * The median of {@code numerators[i] / denominators[i]}: for rounds that ran back to back,
	 * a ratio that the machine's drift between rounds does not move.
	 */
	static double medianRatio(double[] numerators, double[] denominators) {
		double[] ratios = new double[numerators.length];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = numerators[i] / denominators[i];
		}
		return median(ratios);
	}

	/** The {@code p}th percentile, nearest rank. */
	static double percentile(double[] values, double p) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	static double percentile(long[] values, int count, double p) {
		double[] copy = new double[count];
		for (int i = 0; i < count; i++) {
			copy[i] = values[i];
		}
		return percentile(copy, p);
	}

	/** Runs {@code body} once per round and returns nanoseconds per operation of each measured round. */
	static double[] nanosPerOp(int warmups, int rounds, int ops, Body body) throws Exception {
		for (int round = 0; round < warmups; round++) {
			body.run(-1 - round, ops);
		}
		double[] measured = new double[rounds];
		for (int round = 0; round < rounds; round++) {
			long start = System.nanoTime();
			body.run(round, ops);
			measured[round] = (System.nanoTime() - start) / (double) ops;
		}
		return measured;
	}

	/**
	 * Runs each of {@code bodies} for one round in turn, round after round, so that drift of
	 * the machine hits all alike; returns, per body, nanoseconds per operation of each
	 * measured round.
	 */
	static double[][] alternating(int warmups, int rounds, int ops, Ops... bodies) throws Exception {
		return alternatingAfter((body) -> {
		}, warmups, rounds, ops, bodies);
	}

	/**
	 * As {@link #alternating(int, int, int, Ops...)}, with {@code untimed} run before each
	 * round of each body, outside the clock.
	 */
	static double[][] alternatingAfter(Untimed untimed, int warmups, int rounds, int ops, Ops... bodies) throws Exception {
		double[][] measured = new double[bodies.length][rounds];
		for (int round = -warmups; round < rounds; round++) {
			for (int body = 0; body < bodies.length; body++) {
				untimed.before(body);
				long start = System.nanoTime();
				bodies[body].run(ops);
				if (round >= 0) {
					measured[body][round] = (System.nanoTime() - start) / (double) ops;
				}
			}
		}
		return measured;
	}

	/** {@code ops} operations. */
	@FunctionalInterface
	interface Ops {

		void run(int ops) throws Exception;

	}

	/** Work before a round of body number {@code body} that is not part of what is measured. */
	@FunctionalInterface
	interface Untimed {

		void before(int body) throws Exception;

	}

	/** One round of {@code ops} operations; {@code round} is negative for warm-up rounds. */
	@FunctionalInterface
	interface Body {

		void run(int round, int ops) throws Exception;

	}

}
