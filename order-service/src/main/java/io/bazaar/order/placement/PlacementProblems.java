package io.bazaar.order.placement;

import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;

/** The problem each refusal to place an order answers with. */
final class PlacementProblems {

	private PlacementProblems() {
	}

	static ErrorResponse of(PlacementRefusal refusal) {
		if (refusal instanceof PlacementRefusal.UnknownProducts) {
			return unprocessable("unknown-product", "Unknown product", refusal);
		}
		if (refusal instanceof PlacementRefusal.AmountOutOfRange) {
			return unprocessable("amount-out-of-range", "Amount out of range", refusal);
		}
		if (refusal instanceof PlacementRefusal.MixedCurrencies mixed) {
			ProblemDetail problem = ProblemTypes.problem(HttpStatus.UNPROCESSABLE_CONTENT, "mixed-currency",
					"Mixed currencies", refusal.getMessage());
			problem.setProperty("currencies", mixed.currencies());
			return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, refusal);
		}
		return unprocessable("idempotency-key-reused", "Idempotency-Key reused", refusal);
	}

	/** The catalog cannot be asked for prices right now: try again shortly. */
	static ErrorResponse catalogUnavailable(CatalogUnavailableException cause) {
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
				ProblemTypes.problem(HttpStatus.SERVICE_UNAVAILABLE, "catalog-unavailable", "Catalog unavailable",
						"Products cannot be checked right now; nothing was ordered. Try again shortly."),
				cause);
		ex.getHeaders().set("Retry-After", "5");
		return ex;
	}

	private static ErrorResponse unprocessable(String slug, String title, PlacementRefusal refusal) {
		return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.withErrors(
				HttpStatus.UNPROCESSABLE_CONTENT, slug, title, refusal.getMessage(), refusal.errors()), refusal);
	}

}
