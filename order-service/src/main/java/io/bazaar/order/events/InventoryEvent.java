package io.bazaar.order.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The order service's reading of catalog-service's inventory events: only the fields it
 * needs, and it ignores any it does not know (tolerant reader).
 * <ul>
 * <li>{@code StockReserved}: every line of the order is reserved ({@code items});</li>
 * <li>{@code StockRejected}: nothing is reserved; {@code reason} is
 * {@code insufficient-stock} and {@code productIds} names what was short.</li>
 * </ul>
 */
public record InventoryEvent(UUID eventId, String type, Integer version, Instant occurredAt, UUID orderId,
		String traceparent, List<Item> items, String reason, List<UUID> productIds) {

	public static final String STOCK_RESERVED = "StockReserved";

	public static final String STOCK_REJECTED = "StockRejected";

	/** A reserved line. */
	public record Item(UUID productId, int quantity) {

	}

}
