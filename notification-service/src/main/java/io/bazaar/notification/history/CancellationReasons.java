package io.bazaar.notification.history;

import java.util.Map;

/**
 * What the cancellation reasons of order events mean, in words a customer understands.
 */
public final class CancellationReasons {

	private static final Map<String, String> DESCRIPTIONS = Map.of("insufficient-stock",
			"some of the items are no longer in stock", "payment-declined", "the payment was declined",
			"payment-failed", "the payment could not be processed", "customer-cancelled", "you cancelled it",
			"timed-out", "it could not be processed in time");

	private static final String UNKNOWN = "it could not be completed";

	private CancellationReasons() {
	}

	/**
	 * A description of a reason; reasons this service does not know yet get a general
	 * one.
	 * @param reason the reason code, e.g. {@code payment-declined}
	 * @return a lower-case clause, e.g. {@code the payment was declined}
	 */
	public static String describe(String reason) {
		return DESCRIPTIONS.getOrDefault(reason, UNKNOWN);
	}

}
