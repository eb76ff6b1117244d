package io.bazaar.order.ordering;

import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;

/** The problems of reading and cancelling orders. */
final class OrderProblems {

	private OrderProblems() {
	}

	static ErrorResponse notFound(OrderNotFoundException missing) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND,
				ProblemTypes.problem(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", missing.getMessage()),
				missing);
	}

	static ErrorResponse notCancellable(OrderNotCancellableException refused) {
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.CONFLICT, "order-not-cancellable",
				"Order not cancellable", refused.getMessage());
		problem.setProperty("orderStatus", refused.status().name());
		return new ErrorResponseException(HttpStatus.CONFLICT, problem, refused);
	}

}
