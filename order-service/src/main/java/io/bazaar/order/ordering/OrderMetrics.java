package io.bazaar.order.ordering;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Business meters: {@code orders.placed}, {@code bazaar.orders.completed{outcome,reason}}
 * and {@code bazaar.orders.completion{outcome}}, the time from placement to the final
 * state, with buckets at the order SLO's bound (infra/deploy/SLO.md). They count once the
 * transaction that made the change has committed, so a rolled-back change is never
 * counted.
 */
@Component
public class OrderMetrics {

	private final MeterRegistry registry;

	/**
	 * Bucket bounds of the completion time: the order SLO's bound (30 s) among them, so
	 * its SLI is an exact bucket ratio rather than an interpolation.
	 */
	static final Duration[] COMPLETION_BUCKETS = { Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
			Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(2),
			Duration.ofMinutes(5), Duration.ofMinutes(10) };

	private final Counter placed;

	OrderMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.placed = Counter.builder("orders.placed").description("Orders accepted").register(registry);
		// Present from start-up, so that the order SLO's ratio has a denominator (and
		// its alerts a series) before the first order ends.
		completion("confirmed");
		completion("cancelled");
	}

	public void placed() {
		afterCommit(this.placed::increment);
	}

	/** Counts an order that reached its final state. */
	public void completed(Order order) {
		String outcome = order.status().name().toLowerCase(Locale.ROOT);
		String reason = (order.cancellationReason() != null) ? order.cancellationReason().slug() : "none";
		Counter counter = Counter.builder("bazaar.orders.completed")
			.description("Orders that reached a final state")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.registry);
		Timer completion = completion(outcome);
		Duration took = Duration.between(order.createdAt(), order.updatedAt());
		afterCommit(() -> {
			counter.increment();
			completion.record(took);
		});
	}

	private Timer completion(String outcome) {
		return Timer.builder("bazaar.orders.completion")
			.description("Time from an order's placement to its final state")
			.tag("outcome", outcome)
			.serviceLevelObjectives(COMPLETION_BUCKETS)
			.register(this.registry);
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

}
