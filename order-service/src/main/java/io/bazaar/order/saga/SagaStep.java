package io.bazaar.order.saga;

import io.bazaar.order.ordering.OrderStatus;

/**
 * What a saga step did.
 *
 * @param applied whether it changed the order (otherwise the order had moved on, or does
 * not exist)
 * @param status the order's state afterwards; {@code null} when there is no such order
 */
public record SagaStep(boolean applied, OrderStatus status) {

	static final SagaStep UNKNOWN_ORDER = new SagaStep(false, null);

}
