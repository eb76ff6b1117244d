package io.bazaar.order.events;

import java.time.Instant;
import java.util.UUID;

import io.bazaar.runtime.outbox.OutboxEvent;

/**
 * The envelope every event and task of the order saga carries (see EVENTS.md): a unique
 * id consumers deduplicate on, its type and schema version, when it happened, the order
 * it concerns (also the Kafka record key) and the W3C trace context it was raised in.
 */
public interface Event extends OutboxEvent {

	@Override
	UUID eventId();

	@Override
	String type();

	int version();

	@Override
	Instant occurredAt();

	UUID orderId();

	@Override
	String traceparent();

	/** The order: each order's events stay in order on its partition. */
	@Override
	default String aggregateId() {
		return orderId().toString();
	}

}
