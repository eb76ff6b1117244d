package io.bazaar.order.payment;

/** A payment task that cannot be processed however often it is retried. */
class PoisonTaskException extends RuntimeException {

	PoisonTaskException(String message, Throwable cause) {
		super(message, cause);
	}

}
