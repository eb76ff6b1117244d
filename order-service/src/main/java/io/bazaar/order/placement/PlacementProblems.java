package io.bazaar.order.placement;

import java.util.List;

import io.bazaar.runtime.web.FieldError;
import io.bazaar.runtime.web.PlatformProblemAdvice;
import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The ways placing an order can be refused, each answered as a problem detail. */
final class PlacementProblems {

	private PlacementProblems() {
	}

	/** The request is well-formed but lists a product twice. */
	static ErrorResponseException invalid(List<FieldError> errors) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, PlatformProblemAdvice.validationProblem(errors),
				null);
	}

	/** Products the catalog does not know. */
	static ErrorResponseException unknownProducts(List<FieldError> errors) {
		return new ErrorResponseException(
				HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.withErrors(HttpStatus.UNPROCESSABLE_CONTENT,
						"unknown-product", "Unknown product", "The catalog has no product with these ids.", errors),
				null);
	}

	/** A line's amount or the order's total beyond what an order can carry. */
	static ErrorResponseException amountOutOfRange(List<FieldError> errors) {
		return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT,
				ProblemTypes.withErrors(HttpStatus.UNPROCESSABLE_CONTENT, "amount-out-of-range", "Amount out of range",
						"The order's amounts would exceed the largest an order can carry; order fewer.", errors),
				null);
	}

	/** Lines priced in different currencies. */
	static ErrorResponseException mixedCurrencies(List<String> currencies) {
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.UNPROCESSABLE_CONTENT, "mixed-currency",
				"Mixed currencies", "An order is paid in a single currency; these products are priced in "
						+ String.join(", ", currencies) + ".");
		problem.setProperty("currencies", currencies);
		return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
	}

	/** The Idempotency-Key was used before with another request. */
	static ErrorResponseException keyReused() {
		return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.withErrors(
				HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
				"This Idempotency-Key was already used with a different request; use a new key for a new order.",
				List.of(new FieldError("Idempotency-Key", "was already used with a different request"))), null);
	}

	/** The catalog cannot be asked for prices right now. */
	static ErrorResponseException catalogUnavailable(Throwable cause) {
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
				ProblemTypes.problem(HttpStatus.SERVICE_UNAVAILABLE, "catalog-unavailable", "Catalog unavailable",
						"Products cannot be checked right now; nothing was ordered. Try again shortly."),
				cause);
		ex.getHeaders().set("Retry-After", "5");
		return ex;
	}

}
