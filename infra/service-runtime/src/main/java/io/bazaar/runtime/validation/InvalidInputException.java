package io.bazaar.runtime.validation;

import java.util.List;

/**
 * Input that is well formed but not acceptable, found after binding (an unknown category,
 * a range whose minimum exceeds its maximum): answered like any validation problem, 400
 * with the offending fields.
 */
public class InvalidInputException extends RuntimeException {

	private final transient List<FieldError> errors;

	public InvalidInputException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	public InvalidInputException(List<FieldError> errors) {
		super(errors.stream().map((error) -> error.field() + " " + error.message()).toList().toString());
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
