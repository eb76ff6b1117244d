package io.bazaar.notification.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes order-service's events: {@code OrderConfirmed} and {@code OrderCancelled};
 * other types ({@code OrderPlaced}) are ignored.
 */
@Component
class OrderEventsListener {

	static final String ID = "order-events";

	private static final Logger logger = LoggerFactory.getLogger(OrderEventsListener.class);

	private final EventReader reader;

	private final InboxTracing tracing;

	private final Inbox inbox;

	OrderEventsListener(EventReader reader, InboxTracing tracing, Inbox inbox) {
		this.reader = reader;
		this.tracing = tracing;
		this.inbox = inbox;
	}

	@KafkaListener(id = ID, idIsGroup = false, topics = "${notifications.inbox.orders-topic}",
			autoStartup = "${notifications.inbox.enabled}")
	void onEvent(ConsumerRecord<String, String> record) {
		EventHeader header = this.reader.header(record.value());
		switch (header.type()) {
			case OrderConfirmed.TYPE -> {
				Versions.requireSupported(header);
				OrderConfirmed event = this.reader.read(record.value(), OrderConfirmed.class);
				this.tracing.consume(header, () -> this.inbox.orderConfirmed(event));
			}
			case OrderCancelled.TYPE -> {
				Versions.requireSupported(header);
				OrderCancelled event = this.reader.read(record.value(), OrderCancelled.class);
				this.tracing.consume(header, () -> this.inbox.orderCancelled(event));
			}
			default -> logger.debug("Ignored {} {}", header.type(), header.eventId());
		}
	}

}
