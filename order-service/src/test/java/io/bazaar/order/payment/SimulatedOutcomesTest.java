package io.bazaar.order.payment;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

import io.bazaar.order.payment.SimulatedOutcomes.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedOutcomesTest {

	private static BigDecimal amount(String value) {
		return new BigDecimal(value);
	}

	@Test
	void magicAmountsBehaveTheSameEveryTime() {
		SimulatedOutcomes outcomes = new SimulatedOutcomes(0, 0, 1L);

		assertThat(outcomes.decide(amount("20.13"), 1)).isEqualTo(Outcome.DECLINED);
		assertThat(outcomes.decide(amount("20.13"), 5)).isEqualTo(Outcome.DECLINED);
		assertThat(outcomes.decide(amount("7.66"), 1)).isEqualTo(Outcome.UNAVAILABLE);
		assertThat(outcomes.decide(amount("7.66"), 9)).isEqualTo(Outcome.UNAVAILABLE);
		assertThat(outcomes.decide(amount("7.67"), 1)).isEqualTo(Outcome.UNAVAILABLE);
		assertThat(outcomes.decide(amount("7.67"), 2)).isEqualTo(Outcome.AUTHORISED);
		assertThat(outcomes.decide(amount("113.00"), 1)).isEqualTo(Outcome.AUTHORISED);
	}

	@Test
	void ratesOfZeroAndOneAreCertain() {
		assertThat(IntStream.range(0, 50).mapToObj((i) -> new SimulatedOutcomes(1, 0, null).decide(amount("1.00"), 1)))
			.containsOnly(Outcome.DECLINED);
		assertThat(IntStream.range(0, 50).mapToObj((i) -> new SimulatedOutcomes(0, 1, null).decide(amount("1.00"), 1)))
			.containsOnly(Outcome.UNAVAILABLE);
	}

	@Test
	void aSeedReproducesTheSameSequence() {
		SimulatedOutcomes first = new SimulatedOutcomes(0.3, 0.2, 42L);
		SimulatedOutcomes second = new SimulatedOutcomes(0.3, 0.2, 42L);

		List<Outcome> one = IntStream.range(0, 200).mapToObj((i) -> first.decide(amount("5.00"), 1)).toList();
		List<Outcome> other = IntStream.range(0, 200).mapToObj((i) -> second.decide(amount("5.00"), 1)).toList();

		assertThat(one).isEqualTo(other).contains(Outcome.AUTHORISED, Outcome.DECLINED, Outcome.UNAVAILABLE);
	}

}
