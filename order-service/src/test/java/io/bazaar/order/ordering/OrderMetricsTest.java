package io.bazaar.order.ordering;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderMetricsTest {

	private static final Instant PLACED = Instant.parse("2026-12-01T10:00:00Z");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final OrderMetrics metrics = new OrderMetrics(this.registry);

	@Test
	void completionTimersExistBeforeAnyOrderEnds() {
		assertThat(completion("confirmed").count()).isZero();
		assertThat(completion("cancelled").count()).isZero();
	}

	@Test
	void anOrderThatEndsRecordsTheTimeFromPlacementToItsFinalStateInTheBucketOfItsBound() {
		Order order = Order.place(UUID.randomUUID(), UUID.randomUUID(), List.of(line()), PLACED);
		order.stockReserved(PLACED.plusSeconds(1));
		order.confirm(PLACED.plusSeconds(12));

		this.metrics.completed(order);

		Timer confirmed = completion("confirmed");
		assertThat(confirmed.count()).isOne();
		assertThat(confirmed.totalTime(TimeUnit.SECONDS)).isEqualTo(12.0);
		assertThat(bucket(confirmed, Duration.ofSeconds(10))).isZero();
		assertThat(bucket(confirmed, Duration.ofSeconds(30))).isOne();
		assertThat(completion("cancelled").count()).isZero();
		assertThat(this.registry.get("bazaar.orders.completed").tag("outcome", "confirmed").counter().count()).isOne();
	}

	private Timer completion(String outcome) {
		return this.registry.get("bazaar.orders.completion").tag("outcome", outcome).timer();
	}

	private static double bucket(Timer timer, Duration bound) {
		for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
			if (bucket.bucket(TimeUnit.NANOSECONDS) == bound.toNanos()) {
				return bucket.count();
			}
		}
		throw new AssertionError("No bucket at " + bound);
	}

	private static OrderLine line() {
		return new OrderLine(UUID.randomUUID(), "SKU-1", "Bottle", 1, new Money(new BigDecimal("9.90"), "EUR"));
	}

}
