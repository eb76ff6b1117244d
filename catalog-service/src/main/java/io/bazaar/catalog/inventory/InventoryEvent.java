package io.bazaar.catalog.inventory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.bazaar.runtime.outbox.OutboxEvent;

/**
 * What the catalog tells the order saga about stock, on {@value #TOPIC} keyed by order
 * id. The schema is documented in {@code catalog-service/EVENTS.md}.
 */
sealed interface InventoryEvent extends OutboxEvent {

	String TOPIC = "inventory.events.v1";

	int VERSION = 1;

	UUID orderId();

	@Override
	default String aggregateId() {
		return orderId().toString();
	}

	/** Every line of the order is held for it. */
	record StockReserved(UUID eventId, String type, int version, Instant occurredAt, String traceparent, UUID orderId,
			List<ReservationLine> items) implements InventoryEvent {

		static StockReserved of(UUID orderId, List<ReservationLine> items, Instant now, String traceparent) {
			return new StockReserved(UUID.randomUUID(), "StockReserved", VERSION, now, traceparent, orderId, items);
		}

	}

	/** Nothing is held for the order: some line cannot be served. */
	record StockRejected(UUID eventId, String type, int version, Instant occurredAt, String traceparent, UUID orderId,
			String reason, List<UUID> productIds) implements InventoryEvent {

		static StockRejected of(UUID orderId, String reason, List<UUID> productIds, Instant now, String traceparent) {
			return new StockRejected(UUID.randomUUID(), "StockRejected", VERSION, now, traceparent, orderId, reason,
					productIds);
		}

	}

}
