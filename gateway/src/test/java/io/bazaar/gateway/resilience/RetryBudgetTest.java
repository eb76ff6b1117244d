package io.bazaar.gateway.resilience;

import java.time.Duration;

import io.bazaar.gateway.config.GatewayProperties.Retries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetTest {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private static int retriesAllowed(RetryBudget budget, long at) {
		int allowed = 0;
		while (budget.tryRetry(at)) {
			allowed++;
		}
		return allowed;
	}

	@Test
	void aFullBudgetHoldsTenSecondsOfTheMinimumAndAHundredCallsWorth() {
		RetryBudget budget = new RetryBudget(new Retries(2, 0.1, 5), 0);

		assertThat(retriesAllowed(budget, 0)).isEqualTo(50 + 10);
	}

	@Test
	void onceSpentRetriesComeBackWithCallsAtTheRatio() {
		RetryBudget budget = new RetryBudget(new Retries(2, 0.1, 0), 0);
		retriesAllowed(budget, 0);

		for (int i = 0; i < 100; i++) {
			budget.callMade();
		}

		assertThat(retriesAllowed(budget, 0)).as("a tenth of the calls").isEqualTo(10);
	}

	@Test
	void onceSpentTheMinimumComesBackWithTime() {
		RetryBudget budget = new RetryBudget(new Retries(2, 0, 5), 0);
		retriesAllowed(budget, 0);

		assertThat(retriesAllowed(budget, SECOND / 10)).isZero();
		assertThat(retriesAllowed(budget, 2 * SECOND)).as("two seconds at five a second").isEqualTo(10);
	}

}
