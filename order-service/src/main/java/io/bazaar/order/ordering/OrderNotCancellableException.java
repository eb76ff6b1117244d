package io.bazaar.order.ordering;

import java.util.UUID;

/** The customer asked to cancel an order that is already confirmed or cancelled. */
public class OrderNotCancellableException extends RuntimeException {

	private final OrderStatus status;

	OrderNotCancellableException(UUID id, OrderStatus status) {
		super("Order " + id + " is " + status + "; only an order whose payment has not completed can be cancelled.",
				null, false, false);
		this.status = status;
	}

	public OrderStatus status() {
		return this.status;
	}

}
