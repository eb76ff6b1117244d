package io.bazaar.catalog.inventory;

import java.util.List;

import io.bazaar.catalog.web.NotFoundException;
import io.bazaar.runtime.validation.FieldError;
import io.bazaar.runtime.web.PlatformProblemAdvice;
import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problem each refusal of a stock movement answers with. */
final class InventoryProblems {

	private InventoryProblems() {
	}

	static ErrorResponseException of(InventoryRefusal refusal) {
		if (refusal instanceof InventoryRefusal.InsufficientStock shortage) {
			ProblemDetail problem = ProblemTypes.problem(HttpStatus.CONFLICT, "insufficient-stock",
					"Insufficient stock", refusal.getMessage() + "; nothing was reserved.");
			problem.setProperty("products", shortage.shortages());
			return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
		}
		if (refusal instanceof InventoryRefusal.UnknownProducts unknown) {
			ProblemDetail problem = ProblemTypes.problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-products",
					"Unknown products", refusal.getMessage() + "; nothing was reserved.");
			problem.setProperty("productIds", unknown.productIds());
			return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
		}
		if (refusal instanceof InventoryRefusal.RepeatedProduct repeated) {
			return new ErrorResponseException(HttpStatus.BAD_REQUEST,
					PlatformProblemAdvice.validationProblem(List
						.of(new FieldError("items", "lists product " + repeated.productId() + " more than once"))),
					null);
		}
		if (refusal instanceof InventoryRefusal.UnknownProduct missing) {
			return new NotFoundException("product", missing.productId());
		}
		if (refusal instanceof InventoryRefusal.UnknownReservation missing) {
			return new NotFoundException("reservation for order", missing.orderId());
		}
		if (refusal instanceof InventoryRefusal.BelowReserved below) {
			ProblemDetail problem = ProblemTypes.problem(HttpStatus.CONFLICT, "stock-below-reserved",
					"Stock below reserved units", refusal.getMessage());
			problem.setProperty("stock", below.stock());
			return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
		}
		if (refusal instanceof InventoryRefusal.ReservationMismatch) {
			return conflict("reservation-mismatch", "Reservation mismatch", refusal.getMessage() + ".");
		}
		return conflict("reservation-state", "Reservation in another state", refusal.getMessage());
	}

	private static ErrorResponseException conflict(String slug, String title, String detail) {
		return new ErrorResponseException(HttpStatus.CONFLICT,
				ProblemTypes.problem(HttpStatus.CONFLICT, slug, title, detail), null);
	}

}
