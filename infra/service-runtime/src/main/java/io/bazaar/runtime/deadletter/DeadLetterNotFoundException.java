package io.bazaar.runtime.deadletter;

import java.util.UUID;

/** No dead letter has the id asked for. */
public class DeadLetterNotFoundException extends RuntimeException {

	DeadLetterNotFoundException(UUID id) {
		super("No dead letter '" + id + "' exists.");
	}

}
