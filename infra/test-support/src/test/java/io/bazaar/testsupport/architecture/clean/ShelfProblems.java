package io.bazaar.testsupport.architecture.clean;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

final class ShelfProblems {

	private ShelfProblems() {
	}

	static ErrorResponseException of(Shelf.EmptyShelfException empty) {
		return new ErrorResponseException(HttpStatus.CONFLICT, empty);
	}

}
