package io.bazaar.user.web;

import java.io.IOException;

/** A request body beyond {@code users.max-request-body}; answered 413. */
class RequestBodyTooLargeException extends IOException {

	private final long limit;

	RequestBodyTooLargeException(long limit) {
		super("The request body is larger than " + limit + " bytes");
		this.limit = limit;
	}

	long limit() {
		return this.limit;
	}

}
