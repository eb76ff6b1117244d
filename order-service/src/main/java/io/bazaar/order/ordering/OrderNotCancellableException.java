package io.bazaar.order.ordering;

import java.util.UUID;

import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The customer asked to cancel an order that is already confirmed or cancelled. */
public class OrderNotCancellableException extends ErrorResponseException {

	OrderNotCancellableException(UUID id, OrderStatus status) {
		super(HttpStatus.CONFLICT, problem(id, status), null);
	}

	private static ProblemDetail problem(UUID id, OrderStatus status) {
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.CONFLICT, "order-not-cancellable",
				"Order not cancellable",
				"Order " + id + " is " + status + "; only an order whose payment has not completed can be cancelled.");
		problem.setProperty("orderStatus", status.name());
		return problem;
	}

}
