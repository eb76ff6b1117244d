package io.bazaar.catalog.category;

import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

class DuplicateCategoryException extends ErrorResponseException {

	DuplicateCategoryException(String slug) {
		super(HttpStatus.CONFLICT, ProblemTypes.problem(HttpStatus.CONFLICT, "duplicate-category", "Duplicate category",
				"A category with slug '" + slug + "' already exists."), null);
	}

}
