package io.bazaar.order.saga;

/** An event that cannot be applied however often it is retried. */
class MalformedEventException extends RuntimeException {

	MalformedEventException(String message) {
		super(message);
	}

}
