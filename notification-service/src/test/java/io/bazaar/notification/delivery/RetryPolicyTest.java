package io.bazaar.notification.delivery;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTest {

	private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1), 5, new Random(42));

	@ParameterizedTest(name = "after {0} failures: between {1} and {2} ms")
	@CsvSource({ "1, 1000, 2000", "2, 2000, 4000", "3, 4000, 8000", "4, 8000, 16000", "5, 16000, 32000",
			"6, 30000, 60000", "40, 30000, 60000", "2000000000, 30000, 60000" })
	void backoffDoublesWithJitterUpToTheCap(int failures, long atLeast, long atMost) {
		for (int i = 0; i < 200; i++) {
			assertThat(this.policy.backoffAfter(failures).toMillis()).isBetween(atLeast, atMost);
		}
	}

	@Test
	void jitterSpreadsRetriesOut() {
		long distinct = java.util.stream.IntStream.range(0, 50)
			.mapToObj((i) -> this.policy.backoffAfter(3))
			.distinct()
			.count();

		assertThat(distinct).isGreaterThan(10);
	}

	@Test
	void givesUpAfterTheLastAttempt() {
		assertThat(this.policy.exhausted(4)).isFalse();
		assertThat(this.policy.exhausted(5)).isTrue();
		assertThat(this.policy.exhausted(6)).isTrue();
	}

	@Test
	void refusesSettingsThatMakeNoSense() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3, new Random()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3, new Random()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 0, new Random()));
	}

}
