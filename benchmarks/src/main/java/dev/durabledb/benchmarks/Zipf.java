package dev.durabledb.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s. */
final class Zipf {

	private final double[] cumulative;

	Zipf(int n, double s) {
		this.cumulative = new double[n];
		double sum = 0;
		for (int i = 0; i < n; i++) {
			sum += 1.0 / Math.pow(i + 1, s);
			this.cumulative[i] = sum;
		}
		for (int i = 0; i < n; i++) {
			this.cumulative[i] /= sum;
		}
	}

	int next(SplittableRandom random) {
		int index = Arrays.binarySearch(this.cumulative, random.nextDouble());
		return (index >= 0) ? index : Math.min(this.cumulative.length - 1, -index - 1);
	}

}
