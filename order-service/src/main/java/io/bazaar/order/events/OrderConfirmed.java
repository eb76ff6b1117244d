package io.bazaar.order.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An order was paid for: catalog-service turns its reservation into a sale and
 * notification-service tells the customer.
 */
public record OrderConfirmed(UUID eventId, String type, int version, Instant occurredAt, UUID orderId,
		String traceparent, UUID userId, List<Item> items,
		@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total, String currency) implements Event {

	public static final String TYPE = "OrderConfirmed";

	public static OrderConfirmed of(EventMetadata metadata, UUID orderId, UUID userId, List<Item> items,
			BigDecimal total, String currency) {
		return new OrderConfirmed(metadata.eventId(), TYPE, 1, metadata.occurredAt(), orderId, metadata.traceparent(),
				userId, List.copyOf(items), total, currency);
	}

	/** A confirmed line, with what the customer saw when ordering. */
	public record Item(UUID productId, String sku, String name, int quantity,
			@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice, String currency) {

	}

}
