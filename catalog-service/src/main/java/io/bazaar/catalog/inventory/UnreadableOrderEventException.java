package io.bazaar.catalog.inventory;

/**
 * An order event the catalog cannot act on whatever it tries: not JSON, of a version it
 * does not know, or without the ids it needs. Retrying cannot help; it goes to the dead
 * letter topic at once, and the events behind it keep flowing.
 */
public class UnreadableOrderEventException extends RuntimeException {

	public UnreadableOrderEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
