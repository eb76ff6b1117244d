package io.bazaar.order.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An order was cancelled. {@code stockReserved} tells catalog-service whether it may hold
 * a reservation for the order, which it then releases; it is {@code false} only when the
 * catalog itself rejected the reservation.
 */
public record OrderCancelled(UUID eventId, String type, int version, Instant occurredAt, UUID orderId,
		String traceparent, UUID userId, String reason, boolean stockReserved) implements Event {

	public static final String TYPE = "OrderCancelled";

	public static OrderCancelled of(EventMetadata metadata, UUID orderId, UUID userId, String reason,
			boolean stockReserved) {
		return new OrderCancelled(metadata.eventId(), TYPE, 1, metadata.occurredAt(), orderId, metadata.traceparent(),
				userId, reason, stockReserved);
	}

}
