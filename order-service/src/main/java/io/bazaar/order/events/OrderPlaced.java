package io.bazaar.order.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An order was accepted and waits for its stock; catalog-service reserves it (all or
 * nothing) and answers with {@link InventoryEvent StockReserved or StockRejected}.
 */
public record OrderPlaced(UUID eventId, String type, int version, Instant occurredAt, UUID orderId, String traceparent,
		UUID userId, List<Item> items, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
		String currency) implements Event {

	public static final String TYPE = "OrderPlaced";

	public static OrderPlaced of(EventMetadata metadata, UUID orderId, UUID userId, List<Item> items, BigDecimal total,
			String currency) {
		return new OrderPlaced(metadata.eventId(), TYPE, 1, metadata.occurredAt(), orderId, metadata.traceparent(),
				userId, List.copyOf(items), total, currency);
	}

	/** A line of the order with its price as snapshotted from the catalog. */
	public record Item(UUID productId, int quantity, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice,
			String currency) {

	}

}
