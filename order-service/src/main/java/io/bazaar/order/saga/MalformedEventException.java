package io.bazaar.order.saga;

/**
 * An event that cannot be applied however often it is retried: not JSON, without the ids
 * it needs, or of a version this service does not read. It goes to the dead letter topic
 * at once.
 */
class MalformedEventException extends RuntimeException {

	MalformedEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
