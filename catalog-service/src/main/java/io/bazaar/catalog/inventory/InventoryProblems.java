package io.bazaar.catalog.inventory;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.bazaar.catalog.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problems of stock movements. */
final class InventoryProblems {

	private InventoryProblems() {
	}

	/**
	 * @param shortages the lines that could not be reserved, with what is left of each
	 */
	static ErrorResponseException insufficientStock(List<Shortage> shortages) {
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.CONFLICT, "insufficient-stock", "Insufficient stock",
				"Not enough stock for " + shortages.stream().map((s) -> s.productId().toString()).toList()
						+ "; nothing was reserved.");
		problem.setProperty("products", shortages);
		return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
	}

	static ErrorResponseException unknownProducts(Collection<UUID> productIds) {
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-products",
				"Unknown products", "No such products: " + productIds + "; nothing was reserved.");
		problem.setProperty("productIds", productIds);
		return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
	}

	static ErrorResponseException reservationMismatch(UUID orderId) {
		return new ErrorResponseException(
				HttpStatus.CONFLICT, ProblemTypes.problem(HttpStatus.CONFLICT, "reservation-mismatch",
						"Reservation mismatch", "Order " + orderId + " already has a reservation with other items."),
				null);
	}

	static ErrorResponseException belowReserved(StockLevel stock, int delta) {
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.CONFLICT, "stock-below-reserved",
				"Stock below reserved units", "Adjusting product " + stock.productId() + " by " + delta
						+ " would leave fewer units on hand than the " + stock.reserved() + " reserved.");
		problem.setProperty("stock", stock);
		return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
	}

	/** A line that could not be reserved. */
	record Shortage(UUID productId, int requested, int available) {

	}

}
