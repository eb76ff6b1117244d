package io.bazaar.notification.inbox;

/**
 * An event that cannot be read: not JSON, or missing or malformed fields. Retrying cannot
 * help, so it is logged and skipped rather than blocking its partition.
 */
public class InvalidEventException extends RuntimeException {

	InvalidEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
