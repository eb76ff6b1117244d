package io.bazaar.notification.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed send again: exponential backoff from an initial wait, capped, with
 * "equal jitter" (a random wait between half the backoff and the full backoff) so that
 * deliveries that failed together do not all retry together; and when to give up.
 */
final class RetryPolicy {

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final int maxAttempts;

	private final RandomGenerator random;

	RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts, RandomGenerator random) {
		if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("The backoff must start above zero and not exceed its maximum");
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("At least one attempt is needed");
		}
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
		this.maxAttempts = maxAttempts;
		this.random = random;
	}

	/** Whether a delivery that has failed this many times is given up (dead-lettered). */
	boolean exhausted(int failedAttempts) {
		return failedAttempts >= this.maxAttempts;
	}

	/**
	 * How long to wait before the next try, after the given number of failures (1 or
	 * more).
	 */
	Duration backoffAfter(int failedAttempts) {
		long initial = this.initialBackoff.toMillis();
		long cap = this.maxBackoff.toMillis();
		int doublings = Math.max(0, Math.min(failedAttempts - 1, 62));
		long backoff = (doublings >= Long.numberOfLeadingZeros(initial) - 1) ? cap
				: Math.min(cap, initial << doublings);
		long half = backoff / 2;
		return Duration.ofMillis(half + this.random.nextLong(backoff - half + 1));
	}

}
