package io.bazaar.order.ordering;

import java.util.UUID;

/** An order was asked to move to a state its current state does not lead to. */
public class IllegalTransitionException extends RuntimeException {

	private final OrderStatus from;

	private final OrderStatus to;

	IllegalTransitionException(UUID orderId, OrderStatus from, OrderStatus to) {
		super("Order " + orderId + " cannot go from " + from + " to " + to);
		this.from = from;
		this.to = to;
	}

	public OrderStatus from() {
		return this.from;
	}

	public OrderStatus to() {
		return this.to;
	}

}
