package io.bazaar.order.payment;

import java.math.BigDecimal;
import java.util.Random;

/**
 * How the simulated provider decides. Some amounts always behave the same way, like a
 * real provider's test cards, so tests and demos are reproducible:
 * <ul>
 * <li>cents {@code .13}: declined;</li>
 * <li>cents {@code .66}: provider unavailable on every attempt (the task ends in the dead
 * letter topic);</li>
 * <li>cents {@code .67}: unavailable on the first attempt, then decided as usual.</li>
 * </ul>
 * Any other amount fails transiently with probability {@code transientFailureRate}, else
 * is declined with probability {@code declineRate}, from a generator that may be seeded.
 */
final class SimulatedOutcomes {

	static final int DECLINED_CENTS = 13;

	static final int ALWAYS_UNAVAILABLE_CENTS = 66;

	static final int UNAVAILABLE_ONCE_CENTS = 67;

	enum Outcome {

		AUTHORISED, DECLINED, UNAVAILABLE

	}

	private final double declineRate;

	private final double transientFailureRate;

	private final Random random;

	SimulatedOutcomes(double declineRate, double transientFailureRate, Long seed) {
		this.declineRate = declineRate;
		this.transientFailureRate = transientFailureRate;
		this.random = (seed != null) ? new Random(seed) : new Random();
	}

	/**
	 * @param amount the amount charged
	 * @param attempt which call this is for the order, from 1
	 */
	synchronized Outcome decide(BigDecimal amount, long attempt) {
		int cents = amount.movePointRight(2).remainder(BigDecimal.valueOf(100)).intValue();
		if (cents == DECLINED_CENTS) {
			return Outcome.DECLINED;
		}
		if (cents == ALWAYS_UNAVAILABLE_CENTS || (cents == UNAVAILABLE_ONCE_CENTS && attempt == 1)) {
			return Outcome.UNAVAILABLE;
		}
		if (this.random.nextDouble() < this.transientFailureRate) {
			return Outcome.UNAVAILABLE;
		}
		return (this.random.nextDouble() < this.declineRate) ? Outcome.DECLINED : Outcome.AUTHORISED;
	}

}
