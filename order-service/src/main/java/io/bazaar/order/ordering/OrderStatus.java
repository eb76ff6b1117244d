package io.bazaar.order.ordering;

import java.util.Set;

/**
 * Where an order stands in its saga, and which states it may move to:
 *
 * <pre>
 * PENDING ──StockReserved──▶ STOCK_RESERVED ──payment authorised──▶ CONFIRMED
 *    │                            │
 *    └──────────── CANCELLED ◀────┘  (insufficient stock, payment declined or failed,
 *                                     customer cancelled)
 * </pre>
 *
 * There is no separate "payment pending" state: the payment task is queued in the same
 * transaction that records the reservation, so an order with its stock reserved is, from
 * that moment, waiting for its payment.
 */
public enum OrderStatus {

	/** Accepted; waiting for catalog-service to reserve its stock. */
	PENDING,

	/** Stock held by the catalog; the payment task is queued or being worked on. */
	STOCK_RESERVED,

	/** Paid; the catalog's reservation becomes a sale. Final. */
	CONFIRMED,

	/** Cancelled with a reason; any reservation is released. Final. */
	CANCELLED;

	private Set<OrderStatus> next() {
		return switch (this) {
			case PENDING -> Set.of(STOCK_RESERVED, CANCELLED);
			case STOCK_RESERVED -> Set.of(CONFIRMED, CANCELLED);
			case CONFIRMED, CANCELLED -> Set.of();
		};
	}

	public boolean canMoveTo(OrderStatus target) {
		return next().contains(target);
	}

	public boolean isFinal() {
		return next().isEmpty();
	}

}
