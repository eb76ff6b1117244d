package io.bazaar.order.ordering;

import java.util.Arrays;

/** Why an order was cancelled, with the slug the events and the API carry. */
public enum CancellationReason {

	/** The catalog could not reserve every line; it reserved nothing. */
	INSUFFICIENT_STOCK("insufficient-stock"),

	/** The payment provider declined the charge. */
	PAYMENT_DECLINED("payment-declined"),

	/**
	 * The payment could not be completed (provider unavailable or timing out, or a task
	 * that could not be processed) after its retries.
	 */
	PAYMENT_FAILED("payment-failed"),

	/** The customer cancelled before the payment completed. */
	CUSTOMER_CANCELLED("customer-cancelled"),

	/**
	 * A participant never answered: the step's deadline passed, the step was driven
	 * again, and its deadline passed once more. The catalog may have reserved without its
	 * answer arriving, so it releases.
	 */
	TIMED_OUT("timed-out");

	private final String slug;

	CancellationReason(String slug) {
		this.slug = slug;
	}

	public String slug() {
		return this.slug;
	}

	/**
	 * Whether catalog-service may hold a reservation for an order cancelled for this
	 * reason, and so must release it. Only a rejected reservation leaves nothing held: a
	 * customer may cancel while the catalog is still deciding, and payment happens only
	 * once stock is reserved.
	 */
	public boolean catalogMayHoldStock() {
		return this != INSUFFICIENT_STOCK;
	}

	public static CancellationReason ofSlug(String slug) {
		return Arrays.stream(values())
			.filter((reason) -> reason.slug.equals(slug))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown cancellation reason: " + slug));
	}

}
