package io.bazaar.notification.web;

import java.util.List;

/** A request part that the framework could not check by itself is invalid. */
public class InvalidInputException extends RuntimeException {

	private final transient List<FieldError> errors;

	public InvalidInputException(String field, String message) {
		super(field + " " + message);
		this.errors = List.of(new FieldError(field, message));
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
