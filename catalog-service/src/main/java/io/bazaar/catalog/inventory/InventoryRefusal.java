package io.bazaar.catalog.inventory;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Why stock cannot move as asked. Plain domain exceptions: the saga participant tells a
 * shortage from an unknown product by type, and {@link InventoryController} turns each
 * into its problem ({@link InventoryProblems}).
 */
abstract class InventoryRefusal extends RuntimeException {

	InventoryRefusal(String message) {
		super(message, null, false, false);
	}

	/** Some line cannot be served; nothing was reserved. */
	static final class InsufficientStock extends InventoryRefusal {

		private final List<Shortage> shortages;

		InsufficientStock(List<Shortage> shortages) {
			super("Not enough stock for " + shortages.stream().map(Shortage::productId).toList());
			this.shortages = List.copyOf(shortages);
		}

		List<Shortage> shortages() {
			return this.shortages;
		}

	}

	/** Some line names no product of the catalog; nothing was reserved. */
	static final class UnknownProducts extends InventoryRefusal {

		private final List<UUID> productIds;

		UnknownProducts(Collection<UUID> productIds) {
			super("No such products: " + productIds);
			this.productIds = List.copyOf(productIds);
		}

		List<UUID> productIds() {
			return this.productIds;
		}

	}

	/** No stock is kept for this product: the catalog has no such product. */
	static final class UnknownProduct extends InventoryRefusal {

		private final UUID productId;

		UnknownProduct(UUID productId) {
			super("No product " + productId);
			this.productId = productId;
		}

		UUID productId() {
			return this.productId;
		}

	}

	/** Two lines name one product. */
	static final class RepeatedProduct extends InventoryRefusal {

		private final UUID productId;

		RepeatedProduct(UUID productId) {
			super("Product " + productId + " is listed more than once");
			this.productId = productId;
		}

		UUID productId() {
			return this.productId;
		}

	}

	/** The order already holds a reservation of other items. */
	static final class ReservationMismatch extends InventoryRefusal {

		ReservationMismatch(UUID orderId) {
			super("Order " + orderId + " already has a reservation with other items");
		}

	}

	/** The order holds no reservation here. */
	static final class UnknownReservation extends InventoryRefusal {

		private final UUID orderId;

		UnknownReservation(UUID orderId) {
			super("No reservation for order " + orderId);
			this.orderId = orderId;
		}

		UUID orderId() {
			return this.orderId;
		}

	}

	/** A reservation asked to move to a state its current one does not lead to. */
	static final class IllegalTransition extends InventoryRefusal {

		IllegalTransition(UUID orderId, String action, String reason) {
			super("The reservation of order " + orderId + " cannot be " + action + ": " + reason + ".");
		}

	}

	/** An adjustment would leave fewer units on hand than are reserved. */
	static final class BelowReserved extends InventoryRefusal {

		private final StockLevel stock;

		private final int delta;

		BelowReserved(StockLevel stock, int delta) {
			super("Adjusting product " + stock.productId() + " by " + delta
					+ " would leave fewer units on hand than the " + stock.reserved() + " reserved.");
			this.stock = stock;
			this.delta = delta;
		}

		StockLevel stock() {
			return this.stock;
		}

		int delta() {
			return this.delta;
		}

	}

	/** A line that could not be reserved, with what is left of its product. */
	record Shortage(UUID productId, int requested, int available) {

	}

}
