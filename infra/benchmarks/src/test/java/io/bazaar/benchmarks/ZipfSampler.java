package io.bazaar.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks items with Zipf-distributed popularity: the item at rank {@code k} (from 1) is
 * picked with a probability proportional to {@code 1 / k^exponent}, as product views are
 * in a real shop (a few products get most of the traffic, the long tail some).
 */
final class ZipfSampler<T> {

	private final List<T> itemsByRank;

	private final double[] cumulative;

	ZipfSampler(List<T> itemsByRank, double exponent) {
		this.itemsByRank = List.copyOf(itemsByRank);
		this.cumulative = new double[itemsByRank.size()];
		double total = 0;
		for (int rank = 1; rank <= this.cumulative.length; rank++) {
			total += 1 / Math.pow(rank, exponent);
			this.cumulative[rank - 1] = total;
		}
		for (int i = 0; i < this.cumulative.length; i++) {
			this.cumulative[i] /= total;
		}
	}

	T next() {
		int index = Arrays.binarySearch(this.cumulative, ThreadLocalRandom.current().nextDouble());
		int rank = (index >= 0) ? index : -index - 1;
		return this.itemsByRank.get(Math.min(rank, this.itemsByRank.size() - 1));
	}

}
