package io.bazaar.notification.inbox;

/**
 * An event that cannot be read: not JSON, missing or malformed fields, or a version this
 * service does not read. Retrying cannot help, so it goes to the dead letter topic at
 * once rather than blocking its partition.
 */
public class InvalidEventException extends RuntimeException {

	InvalidEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
