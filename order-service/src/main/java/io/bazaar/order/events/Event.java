package io.bazaar.order.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every event and task of the order saga carries (see EVENTS.md): a unique
 * id consumers deduplicate on, its type and schema version, when it happened, the order
 * it concerns (also the Kafka record key) and the W3C trace context it was raised in.
 */
public interface Event {

	UUID eventId();

	String type();

	int version();

	Instant occurredAt();

	UUID orderId();

	String traceparent();

}
