package io.bazaar.testsupport.architecture.clean;

import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ShelfController {

	@ExceptionHandler
	ErrorResponse empty(Shelf.EmptyShelfException empty) {
		return ShelfProblems.of(empty);
	}

}
