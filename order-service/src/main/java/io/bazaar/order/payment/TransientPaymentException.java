package io.bazaar.order.payment;

/**
 * The provider did not answer this time (unavailable or timed out); a retry may succeed.
 */
class TransientPaymentException extends RuntimeException {

	TransientPaymentException(String message) {
		super(message);
	}

}
