package io.bazaar.testsupport.architecture.leaky;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Domain code that answers in HTTP. */
public class Shelf {

	public void take(int units) {
		if (units > 3) {
			throw new ErrorResponseException(HttpStatus.CONFLICT);
		}
	}

}
