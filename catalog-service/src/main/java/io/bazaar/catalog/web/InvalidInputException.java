package io.bazaar.catalog.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Input that is well formed but not acceptable, found after binding (an unknown category,
 * a price range whose minimum exceeds its maximum): answered like any validation problem,
 * 400 with the offending fields.
 */
public class InvalidInputException extends ErrorResponseException {

	public InvalidInputException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	public InvalidInputException(List<FieldError> errors) {
		super(HttpStatus.BAD_REQUEST, ProblemAdvice.validationProblem(errors), null);
	}

}
