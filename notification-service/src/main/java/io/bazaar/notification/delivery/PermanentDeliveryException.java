package io.bazaar.notification.delivery;

/**
 * A send failed in a way retrying cannot fix, e.g. the server refused the address as
 * non-existent; the delivery is dead-lettered at once.
 */
class PermanentDeliveryException extends RuntimeException {

	PermanentDeliveryException(String message, Throwable cause) {
		super(message, cause);
	}

}
