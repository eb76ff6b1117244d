package io.bazaar.order.ordering;

import java.util.UUID;

/**
 * No order with this id that the caller may see: another user's order is reported as
 * missing, so its existence is not revealed.
 */
public class OrderNotFoundException extends RuntimeException {

	public OrderNotFoundException(UUID id) {
		super("There is no order " + id + ".", null, false, false);
	}

}
