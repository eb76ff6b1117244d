package io.bazaar.order.ordering;

import java.util.UUID;

import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * No order with this id that the caller may see: another user's order is reported as
 * missing, so its existence is not revealed.
 */
public class OrderNotFoundException extends ErrorResponseException {

	public OrderNotFoundException(UUID id) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.problem(HttpStatus.NOT_FOUND, "order-not-found", "Order not found",
				"There is no order " + id + "."), null);
	}

}
