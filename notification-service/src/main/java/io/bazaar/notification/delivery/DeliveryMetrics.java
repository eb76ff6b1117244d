package io.bazaar.notification.delivery;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code notifications.delivery{outcome=sent|retry|failed}} counts sends by outcome;
 * {@code notifications.delivery.queue.depth} is the backlog as last measured.
 */
@Component
class DeliveryMetrics {

	private final Counter sent;

	private final Counter retried;

	private final Counter failed;

	private final AtomicLong queueDepth = new AtomicLong();

	DeliveryMetrics(MeterRegistry registry) {
		this.sent = outcome(registry, "sent");
		this.retried = outcome(registry, "retry");
		this.failed = outcome(registry, "failed");
		Gauge.builder("notifications.delivery.queue.depth", this.queueDepth, AtomicLong::get)
			.description("Deliveries waiting for a worker, including those waiting to retry")
			.register(registry);
	}

	void sent() {
		this.sent.increment();
	}

	void retried() {
		this.retried.increment();
	}

	void failed() {
		this.failed.increment();
	}

	void queueDepth(long depth) {
		this.queueDepth.set(depth);
	}

	private static Counter outcome(MeterRegistry registry, String outcome) {
		return Counter.builder("notifications.delivery")
			.description("Notification sends, by outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

}
