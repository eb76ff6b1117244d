package io.bazaar.catalog.inventory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.bazaar.catalog.inventory.InventoryEvent.StockRejected;
import io.bazaar.catalog.inventory.InventoryEvent.StockReserved;
import io.bazaar.runtime.inbox.ProcessedEvents;
import io.bazaar.runtime.outbox.Outbox;
import io.bazaar.runtime.outbox.Traceparent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalog's part in the order saga: holds stock when an order is placed and answers
 * whether it could, gives it back when the order is cancelled, and lets it go for good
 * when the order is confirmed. Each order event is applied once: its id is recorded in
 * {@code processed_event} in the same transaction as its effect, and the reservation
 * itself is idempotent per order.
 */
@Service
class OrderSagaParticipant {

	static final String CONSUMER = "catalog-inventory";

	private static final Logger logger = LoggerFactory.getLogger(OrderSagaParticipant.class);

	private final ReservationService reservations;

	private final Outbox outbox;

	private final Traceparent traceparent;

	private final ProcessedEvents processed;

	private final TransactionTemplate transactions;

	OrderSagaParticipant(ReservationService reservations, Outbox outbox, Traceparent traceparent,
			ProcessedEvents processed, TransactionTemplate transactions) {
		this.reservations = reservations;
		this.outbox = outbox;
		this.traceparent = traceparent;
		this.processed = processed;
		this.transactions = transactions;
	}

	/**
	 * Reserves every line or none, and queues the answer, in one transaction with the
	 * event's id, so the answer exists exactly once. When the stock is refused, that
	 * transaction rolls back and a second one records the event with a
	 * {@code StockRejected} answer.
	 */
	void orderPlaced(UUID eventId, UUID orderId, List<ReservationLine> items) {
		try {
			this.transactions.executeWithoutResult((status) -> {
				if (record(eventId)) {
					this.reservations.reserve(orderId, items);
					this.outbox.append(InventoryEvent.TOPIC,
							StockReserved.of(orderId, items, Instant.now(), this.traceparent.current()));
				}
			});
		}
		catch (InventoryRefusal.InsufficientStock | InventoryRefusal.UnknownProducts
				| InventoryRefusal.RepeatedProduct refused) {
			String reason = (refused instanceof InventoryRefusal.InsufficientStock) ? "insufficient-stock"
					: "unknown-product";
			logger.info("Order {} gets no stock: {}", orderId, refused.getMessage());
			InventoryEvent rejection = StockRejected.of(orderId, reason,
					items.stream().map(ReservationLine::productId).toList(), Instant.now(), this.traceparent.current());
			this.transactions.executeWithoutResult((status) -> {
				if (record(eventId)) {
					this.outbox.append(InventoryEvent.TOPIC, rejection);
				}
			});
		}
	}

	/** The order will not be fulfilled: the units go back on sale. */
	void orderCancelled(UUID eventId, UUID orderId) {
		this.transactions.executeWithoutResult((status) -> {
			if (record(eventId)) {
				this.reservations.release(orderId);
			}
		});
	}

	/** The order is paid: the held units leave stock for good. */
	void orderConfirmed(UUID eventId, UUID orderId) {
		this.transactions.executeWithoutResult((status) -> {
			if (record(eventId)) {
				try {
					this.reservations.commit(orderId);
				}
				catch (InventoryRefusal.UnknownReservation missing) {
					logger.warn("Order {} was confirmed without a reservation here; nothing to commit", orderId);
				}
			}
		});
	}

	/** Records the event as applied; false when it already was (a redelivery). */
	private boolean record(UUID eventId) {
		return this.processed.markProcessed(CONSUMER, eventId);
	}

}
