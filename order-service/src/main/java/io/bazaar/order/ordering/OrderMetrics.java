package io.bazaar.order.ordering;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Business counters: {@code orders.placed} and
 * {@code bazaar.orders.completed{outcome,reason}}. They count once the transaction that
 * made the change has committed, so a rolled-back change is never counted.
 */
@Component
public class OrderMetrics {

	private final MeterRegistry registry;

	private final Counter placed;

	OrderMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.placed = Counter.builder("orders.placed").description("Orders accepted").register(registry);
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
		afterCommit(counter::increment);
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
