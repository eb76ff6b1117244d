package io.bazaar.order.placement;

import java.util.List;

import io.bazaar.runtime.validation.FieldError;

/**
 * Why an order cannot be placed as asked; nothing was written. Plain domain exceptions
 * that {@link OrderPlacementController} turns into problems ({@link PlacementProblems}).
 */
abstract class PlacementRefusal extends RuntimeException {

	private final transient List<FieldError> errors;

	PlacementRefusal(String message, List<FieldError> errors) {
		super(message, null, false, false);
		this.errors = List.copyOf(errors);
	}

	/** The offending fields of the request. */
	List<FieldError> errors() {
		return this.errors;
	}

	/** Lines name products the catalog does not know. */
	static final class UnknownProducts extends PlacementRefusal {

		UnknownProducts(List<FieldError> errors) {
			super("The catalog has no product with these ids.", errors);
		}

	}

	/** A line's amount or the order's total beyond what an order can carry. */
	static final class AmountOutOfRange extends PlacementRefusal {

		AmountOutOfRange(List<FieldError> errors) {
			super("The order's amounts would exceed the largest an order can carry; order fewer.", errors);
		}

	}

	/** Lines priced in different currencies. */
	static final class MixedCurrencies extends PlacementRefusal {

		private final transient List<String> currencies;

		MixedCurrencies(List<String> currencies) {
			super("An order is paid in a single currency; these products are priced in " + String.join(", ", currencies)
					+ ".", List.of());
			this.currencies = List.copyOf(currencies);
		}

		List<String> currencies() {
			return this.currencies;
		}

	}

	/** The Idempotency-Key was used before with another request. */
	static final class KeyReused extends PlacementRefusal {

		KeyReused() {
			super("This Idempotency-Key was already used with a different request; use a new key for a new order.",
					List.of(new FieldError("Idempotency-Key", "was already used with a different request")));
		}

	}

}
