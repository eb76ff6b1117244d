package io.bazaar.gateway.resilience;

import java.time.Duration;
import java.util.Map;

import io.bazaar.gateway.config.GatewayProperties.OutlierDetection;
import io.bazaar.gateway.resilience.InstanceHealth.Outcome;
import io.bazaar.gateway.resilience.InstanceHealth.State;
import io.bazaar.gateway.resilience.InstanceHealth.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceHealthTest {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private static final OutlierDetection SETTINGS = new OutlierDetection(3, Duration.ofMillis(500), Map.of(), 50, 4,
			Duration.ofSeconds(1), Duration.ofSeconds(5), 2);

	private final InstanceHealth health = new InstanceHealth("catalog-service", "127.0.0.1:8082", SETTINGS, 0);

	private Verdict call(Outcome outcome, long at) {
		this.health.callStarted(at);
		return this.health.callEnded(outcome, at);
	}

	@Nested
	class Ejection {

		@Test
		void consecutiveFailuresEjectTheInstanceUntilItsEjectionEnds() {
			assertThat(call(Outcome.FAILURE, 0)).isEqualTo(Verdict.KEEP);
			assertThat(call(Outcome.FAILURE, 1)).isEqualTo(Verdict.KEEP);
			assertThat(call(Outcome.FAILURE, 2)).as("the third failure in a row").isEqualTo(Verdict.EJECTED);

			assertThat(InstanceHealthTest.this.health.acceptsCalls(3)).isFalse();
			assertThat(InstanceHealthTest.this.health.nanosUntilBack(3)).isEqualTo(SECOND - 1);
			assertThat(InstanceHealthTest.this.health.state(2 + SECOND)).isEqualTo(State.TRIAL);
		}

		@Test
		void aSuccessBreaksTheRunOfFailures() {
			InstanceHealth wideWindow = new InstanceHealth("catalog-service", "127.0.0.1:8082", new OutlierDetection(3,
					Duration.ofMillis(500), Map.of(), 50, 20, Duration.ofSeconds(1), Duration.ofSeconds(5), 2), 0);
			for (Outcome outcome : new Outcome[] { Outcome.FAILURE, Outcome.FAILURE, Outcome.SUCCESS,
					Outcome.FAILURE }) {
				wideWindow.callStarted(0);
				wideWindow.callEnded(outcome, 0);
			}
			wideWindow.callStarted(0);

			assertThat(wideWindow.callEnded(Outcome.FAILURE, 0)).isEqualTo(Verdict.KEEP);
			assertThat(wideWindow.state(0)).isEqualTo(State.HEALTHY);
		}

		@Test
		void tooManySlowCallsInTheWindowMakeAnOutlierThatTheCallerMayEject() {
			call(Outcome.SLOW, 0);
			call(Outcome.SUCCESS, 0);
			call(Outcome.SUCCESS, 0);

			assertThat(call(Outcome.SLOW, 0)).as("half of the last four were slow").isEqualTo(Verdict.SLOW_OUTLIER);
			InstanceHealthTest.this.health.ejectAsOutlier(0);
			assertThat(InstanceHealthTest.this.health.acceptsCalls(1)).isFalse();
		}

		@Test
		void aForgivenOutlierStaysInTheRotationWithAFreshWindow() {
			call(Outcome.SLOW, 0);
			call(Outcome.SLOW, 0);
			call(Outcome.SLOW, 0);
			assertThat(call(Outcome.SLOW, 0)).isEqualTo(Verdict.SLOW_OUTLIER);

			InstanceHealthTest.this.health.forgive(0);

			assertThat(InstanceHealthTest.this.health.state(0)).isEqualTo(State.HEALTHY);
			assertThat(call(Outcome.SLOW, 0)).as("the window starts again").isEqualTo(Verdict.KEEP);
		}

		@Test
		void slowCallsAloneNeverEjectOutright() {
			for (int i = 0; i < 10; i++) {
				assertThat(call(Outcome.SLOW, 0)).isNotEqualTo(Verdict.EJECTED);
				InstanceHealthTest.this.health.forgive(0);
			}
		}

		@Test
		void busyAnswersAreNoVerdict() {
			for (int i = 0; i < 10; i++) {
				assertThat(call(Outcome.BUSY, 0)).isEqualTo(Verdict.KEEP);
			}
			assertThat(InstanceHealthTest.this.health.state(0)).isEqualTo(State.HEALTHY);
		}

	}

	@Nested
	class Trial {

		private void eject(long at) {
			call(Outcome.FAILURE, at);
			call(Outcome.FAILURE, at);
			call(Outcome.FAILURE, at);
		}

		@Test
		void takesOnlyAsManyCallsAtOnceAsTheTrialNeeds() {
			eject(0);
			InstanceHealthTest.this.health.callStarted(SECOND);
			assertThat(InstanceHealthTest.this.health.acceptsCalls(SECOND)).isTrue();
			InstanceHealthTest.this.health.callStarted(SECOND);

			assertThat(InstanceHealthTest.this.health.acceptsCalls(SECOND)).isFalse();
		}

		@Test
		void aSlowTrialCallIsForTheCallerToJudge() {
			eject(0);

			assertThat(call(Outcome.SLOW, SECOND)).isEqualTo(Verdict.SLOW_OUTLIER);
			InstanceHealthTest.this.health.forgive(SECOND);
			call(Outcome.SUCCESS, SECOND);

			assertThat(InstanceHealthTest.this.health.state(SECOND)).as("a forgiven slow call counts as passed")
				.isEqualTo(State.HEALTHY);
		}

		@Test
		void successfulTrialCallsPutTheInstanceBack() {
			eject(0);

			call(Outcome.SUCCESS, SECOND);
			assertThat(InstanceHealthTest.this.health.state(SECOND)).isEqualTo(State.TRIAL);
			call(Outcome.SUCCESS, SECOND);

			assertThat(InstanceHealthTest.this.health.state(SECOND)).isEqualTo(State.HEALTHY);
		}

		@Test
		void aFailedTrialEjectsAgainForTwiceAsLongUpToTheMaximum() {
			eject(0);

			assertThat(call(Outcome.FAILURE, SECOND)).isEqualTo(Verdict.EJECTED);
			assertThat(InstanceHealthTest.this.health.nanosUntilBack(SECOND)).isEqualTo(2 * SECOND);
			assertThat(call(Outcome.FAILURE, 3 * SECOND)).isEqualTo(Verdict.EJECTED);
			assertThat(InstanceHealthTest.this.health.nanosUntilBack(3 * SECOND)).isEqualTo(4 * SECOND);
			call(Outcome.FAILURE, 7 * SECOND);

			assertThat(InstanceHealthTest.this.health.nanosUntilBack(7 * SECOND)).isEqualTo(5 * SECOND);
		}

	}

	@Nested
	class Stalling {

		@Test
		void aServiceSlowByDesignHasAThresholdOfItsOwn() {
			InstanceHealth hashing = new InstanceHealth("user-service", "127.0.0.1:8081",
					new OutlierDetection(3, Duration.ofMillis(500), Map.of("user-service", Duration.ofSeconds(3)), 50,
							4, Duration.ofSeconds(1), Duration.ofSeconds(5), 2),
					0);
			hashing.callStarted(0);

			assertThat(hashing.slowCallNanos()).isEqualTo(3 * SECOND);
			assertThat(hashing.stalled(2 * SECOND)).isFalse();
			assertThat(hashing.stalled(4 * SECOND)).isTrue();
		}

		@Test
		void anInstanceThatAnswersNothingWhileCallsWaitIsStalled() {
			InstanceHealthTest.this.health.callStarted(0);

			assertThat(InstanceHealthTest.this.health.stalled(SECOND / 4)).isFalse();
			assertThat(InstanceHealthTest.this.health.stalled(SECOND)).isTrue();
			InstanceHealthTest.this.health.callEnded(Outcome.SUCCESS, SECOND);
			assertThat(InstanceHealthTest.this.health.stalled(SECOND + 1)).isFalse();
		}

		@Test
		void anIdleInstanceIsNotStalled() {
			assertThat(InstanceHealthTest.this.health.stalled(10 * SECOND)).isFalse();
		}

	}

}
