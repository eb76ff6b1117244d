package io.bazaar.order.payment;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.bazaar.order.ordering.Money;

/**
 * A payment provider. Calls are idempotent per order: asking again for an order returns
 * the first answer and charges nothing more.
 */
interface PaymentProvider {

	/**
	 * Authorises the charge of an order. The answer arrives later: no thread waits for
	 * it.
	 * @return the answer, or a {@link TransientPaymentException} when the provider is
	 * unavailable or too slow; the call may be retried
	 */
	CompletableFuture<Authorisation> authorise(UUID orderId, Money amount);

	/** Voids an authorisation, for an order cancelled while it was being paid. */
	void voidAuthorisation(UUID orderId);

	/**
	 * The provider's answer.
	 *
	 * @param approved whether the charge was authorised
	 * @param reference the provider's reference of the authorisation or decline
	 */
	record Authorisation(boolean approved, String reference) {

	}

}
