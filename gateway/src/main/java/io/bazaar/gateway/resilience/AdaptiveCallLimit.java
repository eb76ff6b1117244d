package io.bazaar.gateway.resilience;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongSupplier;

/**
 * How many calls one service is given at once, learned from how its calls end (additive
 * increase, multiplicative decrease). A call answered within the slow-call threshold
 * raises the limit by one over its current value (by about one per limit's worth of good
 * calls), up to the configured ceiling. A call slower than the threshold, or out of time,
 * cuts it to what was under way times the threshold's share of that call's time (between
 * half and nine tenths of it), at most once per threshold's length, since the slow calls
 * that end together were all admitted under the old limit. Other endings (failures, the
 * service's own 503, a client leaving) say nothing about its capacity and leave the limit
 * as it is.
 * <p>
 * So a service that can finish only a few calls within the threshold is sent about that
 * many at once, and the gateway refuses the rest at once (503 with {@code Retry-After})
 * instead of sending calls that will time out after costing both sides their work.
 */
final class AdaptiveCallLimit {

	private static final double MIN_CUT = 0.5;

	private static final double MAX_CUT = 0.9;

	private final int ceiling;

	private final int floor;

	private final long slowCallNanos;

	private final LongSupplier clock;

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicLong limitBits;

	private final AtomicLong nextCut;

	AdaptiveCallLimit(int ceiling, int floor, long slowCallNanos, LongSupplier clock) {
		this.ceiling = ceiling;
		this.floor = Math.min(floor, ceiling);
		this.slowCallNanos = slowCallNanos;
		this.clock = clock;
		this.limitBits = new AtomicLong(Double.doubleToRawLongBits(ceiling));
		this.nextCut = new AtomicLong(clock.getAsLong());
	}

	/** Takes a place for one call, if the limit allows; the caller must end it. */
	boolean tryAcquire() {
		int allowed = limit();
		while (true) {
			int taken = this.running.get();
			if (taken >= allowed) {
				return false;
			}
			if (this.running.compareAndSet(taken, taken + 1)) {
				return true;
			}
		}
	}

	/** Frees a call's place and learns from how it ended and how long it took. */
	void ended(InstanceHealth.Outcome outcome, long tookNanos) {
		int wasRunning = this.running.getAndDecrement();
		if (outcome == InstanceHealth.Outcome.SUCCESS) {
			update((limit) -> Math.min(this.ceiling, limit + 1 / limit));
		}
		else if (outcome == InstanceHealth.Outcome.SLOW) {
			long now = this.clock.getAsLong();
			long due = this.nextCut.get();
			if (now - due >= 0 && this.nextCut.compareAndSet(due, now + this.slowCallNanos)) {
				double cut = Math.max(MIN_CUT, Math.min(MAX_CUT, (double) this.slowCallNanos / Math.max(1, tookNanos)));
				update((limit) -> Math.max(this.floor, Math.min(limit, wasRunning) * cut));
			}
		}
	}

	/** The calls the service is given at once now. */
	int limit() {
		return (int) Double.longBitsToDouble(this.limitBits.get());
	}

	int running() {
		return this.running.get();
	}

	private void update(DoubleUnaryOperator change) {
		while (true) {
			long bits = this.limitBits.get();
			double next = change.applyAsDouble(Double.longBitsToDouble(bits));
			if (this.limitBits.compareAndSet(bits, Double.doubleToRawLongBits(next))) {
				return;
			}
		}
	}

}
