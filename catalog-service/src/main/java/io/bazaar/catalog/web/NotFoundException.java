package io.bazaar.catalog.web;

import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A resource that does not exist: 404 naming what was looked for. */
public class NotFoundException extends ErrorResponseException {

	public NotFoundException(String what, Object id) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
				"No " + what + " '" + id + "' exists."), null);
	}

}
