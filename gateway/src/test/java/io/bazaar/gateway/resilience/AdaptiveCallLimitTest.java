package io.bazaar.gateway.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveCallLimitTest {

	private static final long THRESHOLD = Duration.ofSeconds(1).toNanos();

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final AdaptiveCallLimit limit = new AdaptiveCallLimit(100, 4, THRESHOLD, this.now::get);

	@Test
	void aServiceAnsweringInTimeIsGivenTheConfiguredCeiling() {
		assertThat(acquire(100)).isEqualTo(100);
		assertThat(this.limit.tryAcquire()).as("beyond the ceiling").isFalse();
		endAll(100, InstanceHealth.Outcome.SUCCESS, THRESHOLD / 10);

		assertThat(this.limit.limit()).as("never above the ceiling").isEqualTo(100);
		assertThat(this.limit.running()).isZero();
	}

	@Test
	void slowCallsCutTheLimitToWhatWasUnderWayByHowSlowTheyWere() {
		acquire(40);

		this.limit.ended(InstanceHealth.Outcome.SLOW, 4 * THRESHOLD);

		assertThat(this.limit.limit()).as("40 under way, 4 times too slow: cut by half at most").isEqualTo(20);
		assertThat(this.limit.running()).isEqualTo(39);
		assertThat(this.limit.tryAcquire()).as("39 still run, above the new limit").isFalse();
	}

	@Test
	void slowCallsEndingTogetherCutTheLimitOncePerThreshold() {
		acquire(40);

		this.limit.ended(InstanceHealth.Outcome.SLOW, THRESHOLD * 10 / 9);
		int afterFirst = this.limit.limit();
		endAll(20, InstanceHealth.Outcome.SLOW, 5 * THRESHOLD);

		assertThat(afterFirst).isEqualTo(36);
		assertThat(this.limit.limit()).as("admitted under the old limit, they say nothing new").isEqualTo(36);

		this.now.addAndGet(THRESHOLD);
		this.limit.ended(InstanceHealth.Outcome.SLOW, 2 * THRESHOLD);
		assertThat(this.limit.limit()).as("19 under way, cut by half").isEqualTo(9);
	}

	@Test
	void theLimitNeverFallsBelowItsFloor() {
		acquire(3);
		for (int i = 0; i < 3; i++) {
			this.now.addAndGet(THRESHOLD);
			this.limit.ended(InstanceHealth.Outcome.SLOW, 10 * THRESHOLD);
		}

		assertThat(this.limit.limit()).isEqualTo(4);
		assertThat(acquire(10)).isEqualTo(4);
	}

	@Test
	void callsAnsweredInTimeRaiseTheLimitBackByAboutOnePerLimitsWorth() {
		acquire(8);
		this.limit.ended(InstanceHealth.Outcome.SLOW, 2 * THRESHOLD);
		endAll(7, InstanceHealth.Outcome.SUCCESS, THRESHOLD / 10);
		assertThat(this.limit.limit()).as("8 under way, cut by half, then 7 good calls").isEqualTo(5);

		for (int round = 0; round < 2_000; round++) {
			acquire(1);
			this.limit.ended(InstanceHealth.Outcome.SUCCESS, THRESHOLD / 10);
		}

		assertThat(this.limit.limit()).as("about the square root of twice the good calls: one per limit's worth")
			.isEqualTo(63);
	}

	@Test
	void failuresAndCallsTheServiceOrClientBrokeOffLeaveTheLimitAsItIs() {
		acquire(30);
		this.limit.ended(InstanceHealth.Outcome.SLOW, 2 * THRESHOLD);
		int cut = this.limit.limit();

		this.limit.ended(InstanceHealth.Outcome.FAILURE, THRESHOLD / 10);
		this.limit.ended(InstanceHealth.Outcome.BUSY, 3 * THRESHOLD);

		assertThat(this.limit.limit()).isEqualTo(cut);
		assertThat(this.limit.running()).isEqualTo(27);
	}

	private int acquire(int wanted) {
		int taken = 0;
		for (int i = 0; i < wanted; i++) {
			if (this.limit.tryAcquire()) {
				taken++;
			}
		}
		return taken;
	}

	private void endAll(int calls, InstanceHealth.Outcome outcome, long tookNanos) {
		for (int i = 0; i < calls; i++) {
			this.limit.ended(outcome, tookNanos);
		}
	}

}
